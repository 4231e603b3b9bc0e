using System.Text.Json.Nodes;

namespace S1IdentityK8s.Operator.Tests.Api;

/// <summary>One generated change to an intake: its name (for reports), the spec path it touched, and the changed intake.</summary>
/// <param name="Name">E.g. <c>spec.sentinelOne.pageSize = "abc"</c>, <c>spec.collection removed</c>.</param>
/// <param name="Path">The touched node, e.g. <c>spec.backfills[0].from</c>.</param>
/// <param name="Intake">The whole intake with the change made.</param>
internal sealed record SpecMutation(string Name, string Path, JsonObject Intake)
{
    public override string ToString() => Name;
}
