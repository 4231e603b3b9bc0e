using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// One alert as stored: the full merged JSON as an immutable <see cref="JsonElement"/> (thread-safe to read and
/// copied to responses without re-serialising) and the values filters and sorts read, parsed once.
/// </summary>
internal sealed class StoredAlert
{
    private StoredAlert(JsonElement json, long visibleFromMs)
    {
        Json = json;
        VisibleFromMs = visibleFromMs;
        Id = StringAt(json, "id") is { Length: > 0 } id
            ? id
            : throw new ArgumentException("an alert needs a non-empty string 'id'", nameof(json));
        DetectedAtMs = TimeAt(json, "detectedAt")
            ?? throw new ArgumentException($"alert {Id} needs a valid 'detectedAt'", nameof(json));
        // UAM always has both; a hand-written test alert may omit them, so fall back on detectedAt.
        CreatedAtMs = TimeAt(json, "createdAt") ?? DetectedAtMs;
        UpdatedAtMs = TimeAt(json, "updatedAt") ?? CreatedAtMs;
        Product = json.TryGetProperty("detectionSource", out var source) && source.ValueKind == JsonValueKind.Object
            ? StringAt(source, "product")
            : null;
        Status = StringAt(json, "status");
        Severity = StringAt(json, "severity");
    }

    public string Id { get; }

    public JsonElement Json { get; }

    public long DetectedAtMs { get; }

    public long UpdatedAtMs { get; }

    public long CreatedAtMs { get; }

    /// <summary>Queries before this instant (epoch ms) do not see the alert: late indexing.</summary>
    public long VisibleFromMs { get; }

    public string? Product { get; }

    public string? Status { get; }

    public string? Severity { get; }

    /// <summary>Stores a snapshot of <paramref name="json"/>: later changes to it are not seen.</summary>
    public static StoredAlert Create(JsonObject json, long visibleFromMs) =>
        new(JsonSerializer.SerializeToElement(json), visibleFromMs);

    /// <summary>A mutable copy of the stored JSON.</summary>
    public JsonObject ToJsonObject() => JsonObject.Create(Json.Clone())!;

    /// <summary>The epoch-ms value of a time field (<c>detectedAt</c>, <c>updatedAt</c>, <c>createdAt</c>).</summary>
    public long TimeOf(string fieldId) => fieldId switch
    {
        AlertFieldIds.DetectedAt => DetectedAtMs,
        AlertFieldIds.UpdatedAt => UpdatedAtMs,
        AlertFieldIds.CreatedAt => CreatedAtMs,
        _ => throw new ArgumentOutOfRangeException(nameof(fieldId), fieldId, "not a time field"),
    };

    /// <summary>The value of a string field (<c>detectionProduct</c>, <c>status</c>, <c>severity</c>, <c>id</c>).</summary>
    public string? StringOf(string fieldId) => fieldId switch
    {
        AlertFieldIds.DetectionProduct => Product,
        AlertFieldIds.Status => Status,
        AlertFieldIds.Severity => Severity,
        AlertFieldIds.Id => Id,
        _ => throw new ArgumentOutOfRangeException(nameof(fieldId), fieldId, "not a string field"),
    };

    private static string? StringAt(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? TimeAt(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetInt64(out var ms) ? ms : null;
        }
        return value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUnixTimeMilliseconds()
            : null;
    }
}
