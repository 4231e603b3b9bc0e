using System.Text.Json;
using System.Text.Json.Serialization;

namespace S1IdentityK8s.Collector.Backfill;

/// <summary>
/// The persisted form of a <see cref="BackfillRecord"/>: one camelCase JSON object with a <c>version</c>,
/// times in epoch ms (window, cursor) or RFC 3339 (bookkeeping), the phase by name.
/// </summary>
public static partial class BackfillRecordJson
{
    private const int Version = 1;

    /// <summary>Serialises <paramref name="record"/>.</summary>
    public static byte[] Serialize(BackfillRecord record) =>
        JsonSerializer.SerializeToUtf8Bytes(new Envelope(Version, record), EnvelopeContext.Default.Envelope);

    /// <summary>Parses a record; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static BackfillRecord Deserialize(ReadOnlySpan<byte> json)
    {
        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(json, EnvelopeContext.Default.Envelope);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a valid backfill record: {e.Message}", e);
        }
        if (envelope?.Version != Version || envelope.Backfill is null)
        {
            throw new FormatException($"backfill record version {envelope?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"} is not supported (expected {Version})");
        }
        return envelope.Backfill;
    }

    private sealed record Envelope(int Version, BackfillRecord? Backfill);

    // Source-generated (no reflection: the collector is published with Native AOT).
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        UseStringEnumConverter = true)]
    [JsonSerializable(typeof(Envelope))]
    private sealed partial class EnvelopeContext : JsonSerializerContext;
}
