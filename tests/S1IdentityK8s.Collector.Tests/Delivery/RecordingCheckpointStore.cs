using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Tests.Delivery;

/// <summary>A checkpoint store in memory that keeps every checkpoint ever saved, in order, as written.</summary>
public sealed class RecordingCheckpointStore : ICheckpointStore
{
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _saves = [];

    /// <summary>Called with each checkpoint as it is saved, in order (under the store's lock).</summary>
    public Action<JsonObject>? Saved { get; init; }

    /// <summary>Every saved checkpoint, oldest first, in its serialised form.</summary>
    public IReadOnlyList<JsonObject> Saves
    {
        get
        {
            lock (_gate)
            {
                return [.. _saves];
            }
        }
    }

    public Task<Checkpoint?> LoadAsync(CancellationToken cancellationToken) => Task.FromResult<Checkpoint?>(null);

    public Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var saved = JsonNode.Parse(CheckpointSerializer.Serialize(checkpoint))!.AsObject();
        lock (_gate)
        {
            _saves.Add(saved);
            Saved?.Invoke(saved);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// The ids of <paramref name="alerts"/> (in their current version) the saved checkpoint counts as
    /// delivered, by a key or a listed span: what a collector restarted from it would not send again.
    /// </summary>
    public static HashSet<string> DeliveredIds(JsonObject saved, IEnumerable<JsonObject> alerts, TimeSpan lag)
    {
        var checkpoint = CheckpointSerializer.Deserialize(System.Text.Encoding.UTF8.GetBytes(saved.ToJsonString()));
        var ids = DeliveredIds(saved);
        foreach (var alert in alerts)
        {
            var detectedAtMs = AlertFields.TimestampMs(alert, AlertTimeField.DetectedAt);
            if (checkpoint.Listed.Implies(detectedAtMs, AlertFields.TimestampMs(alert, AlertTimeField.UpdatedAt), (long)lag.TotalMilliseconds))
            {
                ids.Add(AlertFields.Id(alert));
            }
        }
        return ids;
    }

    /// <summary>The ids among the saved checkpoint's dedup keys.</summary>
    public static HashSet<string> DeliveredIds(JsonObject saved) =>
        saved["delivered"]!.AsArray().Select(k => k![0]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
}
