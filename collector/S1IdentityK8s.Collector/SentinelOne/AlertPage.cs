using System.Text.Json.Nodes;

namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>One page of list nodes, in server order, with the cursor for the next page.</summary>
public sealed record AlertPage(IReadOnlyList<JsonObject> Nodes, string? EndCursor, bool HasNextPage);
