using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// The checkpoint's wire form (JSON, versioned), shared by the file and ConfigMap stores. Keys are stored
/// as <c>[id, updatedAtMs]</c> pairs to keep a ConfigMap of thousands of keys well under its 1 MiB limit,
/// listed spans as <c>[fromMs, toMs, listedAtMs]</c>. Written with <see cref="Utf8JsonWriter"/>: once per
/// acknowledged chunk, so it must cost no more than the (bounded) window it holds.
/// </summary>
public static class CheckpointSerializer
{
    private const int Version = 1;

    /// <summary>Serialises <paramref name="checkpoint"/>.</summary>
    public static byte[] Serialize(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            WriteNullable(json, "detectedWatermarkMs", checkpoint.DetectedWatermarkMs);
            WriteNullable(json, "updatedWatermarkMs", checkpoint.UpdatedWatermarkMs);
            if (checkpoint.CommittedAt is { } committedAt)
            {
                json.WriteString("committedAt", committedAt.ToString("O", CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNull("committedAt");
            }
            json.WriteNumber("forwardedTotal", checkpoint.ForwardedTotal);
            json.WriteNumber("deadLetteredTotal", checkpoint.DeadLetteredTotal);
            json.WriteStartArray("delivered");
            foreach (var (id, updatedAtMs) in checkpoint.Delivered.Snapshot())
            {
                json.WriteStartArray();
                json.WriteStringValue(id);
                json.WriteNumberValue(updatedAtMs);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            // Added within version 1: a reader that ignores it only re-sends (the keys it implies are absent).
            json.WriteStartArray("listed");
            foreach (var (fromMs, toMs, listedAtMs) in checkpoint.Listed.Snapshot())
            {
                json.WriteStartArray();
                json.WriteNumberValue(fromMs);
                json.WriteNumberValue(toMs);
                json.WriteNumberValue(listedAtMs);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
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
            CommittedAt = root["committedAt"] is { } c ? DateTimeOffset.Parse(c.GetValue<string>(), CultureInfo.InvariantCulture) : null,
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
        // Absent from checkpoints written before spans existed: every key is then explicit, which is safe.
        foreach (var entry in root["listed"] as JsonArray ?? [])
        {
            if (entry is JsonArray { Count: 3 } span)
            {
                checkpoint.Listed.Add(new ListedSpan(span[0]!.GetValue<long>(), span[1]!.GetValue<long>(), span[2]!.GetValue<long>()));
            }
        }
        return checkpoint;
    }
}
