using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Serialization;

namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>
/// One alert ready for the intake: its JSON (an element of <c>jsons</c> is the alert serialised to a string)
/// as UTF-8, and that text pre-encoded as a JSON string literal, so chunk sizes are exact. Both are made
/// from bytes in one pass each; the text form is only materialised when a person needs it (dead letters).
/// </summary>
public sealed class OutgoingAlert
{
    // Relaxed escaping keeps non-ASCII text as UTF-8 instead of \uXXXX: the body is never embedded in HTML.
    private static readonly JsonWriterOptions RelaxedWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private OutgoingAlert(string id, long updatedAtMs, byte[] utf8Json)
    {
        Id = id;
        UpdatedAtMs = updatedAtMs;
        Utf8Json = utf8Json;
        EncodedString = EncodeAsString(utf8Json);
    }

    /// <summary>The alert id.</summary>
    public string Id { get; }

    /// <summary>The alert's updatedAt (epoch ms).</summary>
    public long UpdatedAtMs { get; }

    /// <summary>The alert serialised as compact JSON, UTF-8: what Sekoia's parser receives.</summary>
    public byte[] Utf8Json { get; }

    /// <summary>The alert's JSON as text (allocates: for dead letters and messages, not the hot path).</summary>
    public string Json => Encoding.UTF8.GetString(Utf8Json);

    /// <summary>UTF-8 size of the alert's JSON: what the intake's 250 KiB event limit applies to.</summary>
    public int JsonSizeBytes => Utf8Json.Length;

    /// <summary>The JSON text as a JSON string literal, UTF-8: what goes into the <c>jsons</c> array.</summary>
    public byte[] EncodedString { get; }

    /// <summary>Serialises a merged alert node (already stripped of internal fields).</summary>
    public static OutgoingAlert From(string id, long updatedAtMs, JsonObject alert) =>
        new(id, updatedAtMs, JsonText.Utf8(w => alert.WriteTo(w), JavaScriptEncoder.UnsafeRelaxedJsonEscaping));

    /// <summary>Wraps an alert already serialised as compact UTF-8 JSON (the array is kept, not copied).</summary>
    public static OutgoingAlert FromUtf8Json(string id, long updatedAtMs, byte[] utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return new OutgoingAlert(id, updatedAtMs, utf8Json);
    }

    /// <summary>Whether the intake would refuse this event for its size (it is dead-lettered instead).</summary>
    public bool Oversize => JsonSizeBytes > IntakeLimits.MaxEventBytes;

    private static byte[] EncodeAsString(byte[] utf8Json)
    {
        // Escaping adds a backslash per quote: a JSON text is rarely more than a fifth quotes.
        var buffer = new ArrayBufferWriter<byte>(utf8Json.Length + (utf8Json.Length / 5) + 2);
        using (var writer = new Utf8JsonWriter(buffer, RelaxedWriter))
        {
            writer.WriteStringValue(utf8Json);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
