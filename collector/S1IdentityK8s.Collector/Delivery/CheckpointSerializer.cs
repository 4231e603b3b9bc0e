using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Serialization;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// The checkpoint's wire forms (JSON, versioned). Version 1, the file form: one document, keys as
/// <c>[id, updatedAtMs]</c> pairs (about 52 bytes each). Version 2, the ConfigMap form: the same document
/// without the keys, which go beside it in <see cref="DedupKeyCodec"/> form (about 17 bytes each), the two
/// held within a size budget, since a ConfigMap over 1 MiB cannot be written at all. Both forms are read
/// by <see cref="Deserialize(ReadOnlySpan{byte}, byte[])"/>. Listed spans are <c>[fromMs, toMs, listedAtMs]</c>.
/// Written with <see cref="Utf8JsonWriter"/>: once per acknowledged chunk, so it must cost no more than the
/// (bounded) window it holds.
/// </summary>
public static class CheckpointSerializer
{
    private const int Version = 1;
    private const int CompactVersion = 2;

    /// <summary>Serialises <paramref name="checkpoint"/> as one JSON document (version 1, keys as pairs): the file form.</summary>
    public static byte[] Serialize(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return JsonText.Utf8(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            WriteFields(json, checkpoint);
            json.WriteStartArray("delivered");
            foreach (var (id, updatedAtMs) in checkpoint.Delivered.Snapshot())
            {
                json.WriteStartArray();
                json.WriteStringValue(id);
                json.WriteNumberValue(updatedAtMs);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            WriteListed(json, checkpoint);
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// Serialises <paramref name="checkpoint"/> in the compact form (version 2: JSON without the keys, plus
    /// the keys in <see cref="DedupKeyCodec"/> form), both together within <paramref name="budgetBytes"/>.
    /// When the keys do not all fit, the oldest are left out (listed in the result): a restart from this
    /// checkpoint may send those versions again, and nothing else changes. The write itself never fails for size.
    /// </summary>
    public static CompactCheckpoint SerializeCompact(Checkpoint checkpoint, int budgetBytes)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var keys = checkpoint.Delivered.Snapshot();
        // The JSON part is small and bounded (64 spans at most); the counts it carries are sized in at their widest.
        var fieldsBytes = Fields(checkpoint, keys.Count, keys.Count).Length + (2 * 10);
        var (encoded, firstKept) = DedupKeyCodec.Encode(keys, Math.Max(0, budgetBytes - fieldsBytes));
        var json = Fields(checkpoint, keys.Count - firstKept, firstKept);
        return new CompactCheckpoint(json, encoded, keys.Count - firstKept, [.. keys.Take(firstKept)]);
    }

    private static byte[] Fields(Checkpoint checkpoint, int keptKeys, int leftOutKeys) => JsonText.Utf8(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("version", CompactVersion);
        WriteFields(json, checkpoint);
        // The keys live beside this document (a ConfigMap's binaryData); the count checks they belong to it.
        json.WriteNumber("deliveredKeyCount", keptKeys);
        json.WriteNumber("deliveredKeysLeftOut", leftOutKeys);
        WriteListed(json, checkpoint);
        json.WriteEndObject();
    });

    private static void WriteFields(Utf8JsonWriter json, Checkpoint checkpoint)
    {
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
    }

    private static void WriteListed(Utf8JsonWriter json, Checkpoint checkpoint)
    {
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

    /// <summary>Parses a checkpoint in the file form (version 1); throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static Checkpoint Deserialize(ReadOnlySpan<byte> json) => Deserialize(json, keys: null);

    /// <summary>
    /// Parses a checkpoint in either form: version 1 (keys inside the JSON, as every collector before the
    /// compact form wrote it) or version 2 (keys in <paramref name="keys"/>); throws <see cref="FormatException"/>
    /// naming what is wrong.
    /// </summary>
    public static Checkpoint Deserialize(ReadOnlySpan<byte> json, byte[]? keys)
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
        if (version != Version && version != CompactVersion)
        {
            throw new FormatException($"checkpoint version {version?.ToString() ?? "missing"} is not supported (expected {Version} or {CompactVersion})");
        }
        var checkpoint = new Checkpoint
        {
            DetectedWatermarkMs = root["detectedWatermarkMs"]?.GetValue<long>(),
            UpdatedWatermarkMs = root["updatedWatermarkMs"]?.GetValue<long>(),
            CommittedAt = root["committedAt"] is { } c ? DateTimeOffset.Parse(c.GetValue<string>(), CultureInfo.InvariantCulture) : null,
            ForwardedTotal = root["forwardedTotal"]?.GetValue<long>() ?? 0,
            DeadLetteredTotal = root["deadLetteredTotal"]?.GetValue<long>() ?? 0,
        };
        if (version == CompactVersion)
        {
            AddCompactKeys(checkpoint, root, keys);
        }
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

    private static void AddCompactKeys(Checkpoint checkpoint, JsonObject root, byte[]? keys)
    {
        var expected = root["deliveredKeyCount"]?.GetValue<int>() ?? 0;
        if (keys is null)
        {
            throw new FormatException($"checkpoint version {CompactVersion} names {expected} dedup keys, but the keys are missing");
        }
        var decoded = DedupKeyCodec.Decode(keys);
        if (decoded.Count != expected)
        {
            throw new FormatException($"checkpoint names {expected} dedup keys, but {decoded.Count} are stored beside it");
        }
        foreach (var (id, updatedAtMs) in decoded)
        {
            checkpoint.Delivered.Add(id, updatedAtMs);
        }
    }
}
