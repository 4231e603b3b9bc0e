using System.Text.Json.Nodes;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>A listed alert version to deliver: its key, its list node (read, never modified) and where the page listed it.</summary>
/// <param name="Id">The alert's id.</param>
/// <param name="UpdatedAtMs">The version's <c>updatedAt</c> (epoch ms).</param>
/// <param name="Node">The list node.</param>
/// <param name="Position">Its index among the page's nodes, in server order.</param>
public sealed record PlannedAlert(string Id, long UpdatedAtMs, JsonObject Node, int Position);
