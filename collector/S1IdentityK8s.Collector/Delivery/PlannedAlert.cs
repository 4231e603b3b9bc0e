using System.Text.Json.Nodes;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>A listed alert version to deliver: its key and its list node (read, never modified).</summary>
public sealed record PlannedAlert(string Id, long UpdatedAtMs, JsonObject Node);
