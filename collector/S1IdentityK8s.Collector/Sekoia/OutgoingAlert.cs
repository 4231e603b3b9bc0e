using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>
/// One alert ready for the intake: its JSON text (an element of <c>jsons</c> is the alert serialised to a
/// string) and that string pre-encoded as a JSON string literal, so chunk sizes are exact.
/// </summary>
public sealed class OutgoingAlert
{
    // Relaxed escaping keeps non-ASCII text as UTF-8 instead of \uXXXX: the body is never embedded in HTML.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private OutgoingAlert(string id, long updatedAtMs, string json)
    {
        Id = id;
        UpdatedAtMs = updatedAtMs;
        Json = json;
        JsonSizeBytes = Encoding.UTF8.GetByteCount(json);
        EncodedString = JsonSerializer.SerializeToUtf8Bytes(json, Relaxed);
    }

    /// <summary>The alert id.</summary>
    public string Id { get; }

    /// <summary>The alert's updatedAt (epoch ms).</summary>
    public long UpdatedAtMs { get; }

    /// <summary>The alert serialised as compact JSON: what Sekoia's parser receives.</summary>
    public string Json { get; }

    /// <summary>UTF-8 size of <see cref="Json"/>: what the intake's 250 KiB event limit applies to.</summary>
    public int JsonSizeBytes { get; }

    /// <summary><see cref="Json"/> as a JSON string literal, UTF-8: what goes into the <c>jsons</c> array.</summary>
    public byte[] EncodedString { get; }

    /// <summary>Serialises a merged alert node (already stripped of internal fields).</summary>
    public static OutgoingAlert From(string id, long updatedAtMs, JsonObject alert) =>
        new(id, updatedAtMs, alert.ToJsonString(Relaxed));
}
