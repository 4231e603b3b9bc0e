using System.Text.Json;
using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Serialization;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// The checkpoint's wire form (JSON, versioned), shared by the file and ConfigMap stores. Keys are stored
/// as <c>[id, updatedAtMs]</c> pairs to keep a ConfigMap of thousands of keys well under its 1 MiB limit.
/// </summary>
public static class CheckpointSerializer
{
    private const int Version = 1;

    /// <summary>Serialises <paramref name="checkpoint"/>.</summary>
    public static byte[] Serialize(Checkpoint checkpoint)
    {
        var delivered = new JsonArray();
        foreach (var (id, updatedAtMs) in checkpoint.Delivered.Snapshot())
        {
            // The JsonNode overload: Add<T> would serialise the pair by reflection.
            delivered.Add((JsonNode)new JsonArray(id, updatedAtMs));
        }
        var root = new JsonObject
        {
            ["version"] = Version,
            ["detectedWatermarkMs"] = checkpoint.DetectedWatermarkMs,
            ["updatedWatermarkMs"] = checkpoint.UpdatedWatermarkMs,
            ["committedAt"] = checkpoint.CommittedAt?.ToString("O"),
            ["forwardedTotal"] = checkpoint.ForwardedTotal,
            ["deadLetteredTotal"] = checkpoint.DeadLetteredTotal,
            ["delivered"] = delivered,
        };
        return JsonText.Utf8(w => root.WriteTo(w));
    }

    /// <summary>Parses a checkpoint; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static Checkpoint Deserialize(ReadOnlySpan<byte> json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("checkpoint is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"checkpoint is not valid JSON: {e.Message}", e);
        }
        var version = root["version"]?.GetValue<int>();
        if (version != Version)
        {
            throw new FormatException($"checkpoint version {version?.ToString() ?? "missing"} is not supported (expected {Version})");
        }
        var checkpoint = new Checkpoint
        {
            DetectedWatermarkMs = root["detectedWatermarkMs"]?.GetValue<long>(),
            UpdatedWatermarkMs = root["updatedWatermarkMs"]?.GetValue<long>(),
            CommittedAt = root["committedAt"] is { } c ? DateTimeOffset.Parse(c.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : null,
            ForwardedTotal = root["forwardedTotal"]?.GetValue<long>() ?? 0,
            DeadLetteredTotal = root["deadLetteredTotal"]?.GetValue<long>() ?? 0,
        };
        foreach (var pair in root["delivered"] as JsonArray ?? [])
        {
            if (pair is JsonArray { Count: 2 } key)
            {
                checkpoint.Delivered.Add(key[0]!.GetValue<string>(), key[1]!.GetValue<long>());
            }
        }
        return checkpoint;
    }
}
