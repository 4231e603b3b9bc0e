using System.Text.Json.Nodes;
using k8s;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.EndToEnd.Tests;

/// <summary>Reads an intake as users see it (plain JSON: these tests know the CRD only by its wire format).</summary>
internal sealed class IntakeReader(IKubernetes client, string namespaceName, string name)
{
    public Task<JsonObject?> ReadAsync(CancellationToken cancellationToken) =>
        client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(
            "s1identity.dev", "v1alpha1", namespaceName, "sentineloneidentityintakes", name, cancellationToken)!;

    /// <summary>The intake's status once <paramref name="condition"/> holds on it.</summary>
    public async Task<JsonObject> WaitForStatusAsync(Func<JsonObject, bool> condition, TimeSpan timeout, string description) =>
        (await ClusterWait.ForAsync(ReadAsync, i => i?["status"] is JsonObject s && condition(s), timeout, description))!["status"]!.AsObject();

    public static long Number(JsonObject status, string field) => status[field]?.GetValue<long>() ?? 0;

    public static string? ConditionStatus(JsonObject status, string type) =>
        status["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?["status"]?.GetValue<string>();

    public static string? BackfillPhase(JsonObject status, string name) =>
        status["backfills"]?.AsArray().FirstOrDefault(b => b?["name"]?.GetValue<string>() == name)?["phase"]?.GetValue<string>();
}
