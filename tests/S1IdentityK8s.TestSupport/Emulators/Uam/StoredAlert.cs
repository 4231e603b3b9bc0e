using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// One alert as stored: the full merged JSON as an immutable <see cref="JsonElement"/> (thread-safe to read and
/// copied to responses without re-serialising) and the values filters and sorts read, parsed once. A
/// generated alert (<see cref="Generated"/>) keeps only those values and its <see cref="AlertTemplate"/>,
/// and builds its JSON on each read: large backlogs fit in memory.
/// </summary>
internal sealed class StoredAlert
{
    private readonly JsonElement _json;
    private readonly AlertTemplate? _template;
    private readonly SyntheticAlertValues _values;

    private StoredAlert(AlertTemplate template, in SyntheticAlertValues values, long visibleFromMs)
    {
        _template = template;
        _values = values;
        VisibleFromMs = visibleFromMs;
        Id = values.Id;
        DetectedAtMs = values.DetectedMs;
        CreatedAtMs = values.CreatedMs;
        UpdatedAtMs = values.UpdatedMs;
        Product = template.Product;
        Status = template.Status;
        Severity = values.Severity;
    }

    private StoredAlert(JsonElement json, long visibleFromMs)
    {
        _json = json;
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

    /// <summary>The alert's JSON: stored, or for a generated alert built anew on each read.</summary>
    public JsonElement Json => _template is null ? _json : _template.Materialize(_values);

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

    /// <summary>Writes the fields of <paramref name="selection"/> (see <see cref="SelectionWriter"/>).</summary>
    public void WriteSelected(Utf8JsonWriter writer, IReadOnlyList<SelectedField> selection)
    {
        if (_template is null)
        {
            SelectionWriter.WriteObject(writer, _json, selection);
        }
        else
        {
            SelectionWriter.WriteObject(writer, _template.Root, selection, new TemplateFill(_template, _values));
        }
    }

    /// <summary>A generated alert: <paramref name="template"/>'s sample with <paramref name="values"/>.</summary>
    public static StoredAlert Generated(AlertTemplate template, in SyntheticAlertValues values, long visibleFromMs) =>
        new(template, values, visibleFromMs);

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
