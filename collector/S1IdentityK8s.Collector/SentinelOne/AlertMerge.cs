using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>
/// Writes the alert Sekoia's parser expects, the list node merged with its detail, straight to UTF-8 JSON
/// without touching either input: list fields in their order (a field the detail also has takes the
/// detail's value, as in Sekoia's connector), then the detail's other fields, never the internal ones.
/// </summary>
public static class AlertMerge
{
    // Relaxed escaping keeps non-ASCII text as UTF-8 instead of \uXXXX: the body is never embedded in HTML.
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The merged alert as compact UTF-8 JSON; <paramref name="detail"/> null forwards the list fields only.</summary>
    public static byte[] ToUtf8Json(JsonObject listNode, JsonObject? detail)
    {
        ArgumentNullException.ThrowIfNull(listNode);
        using var buffer = new MemoryStream(1024);
        using (var writer = new Utf8JsonWriter(buffer, Writer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in listNode)
            {
                if (IsInternal(name))
                {
                    continue;
                }
                writer.WritePropertyName(name);
                WriteValue(writer, detail is not null && detail.TryGetPropertyValue(name, out var wins) ? wins : value);
            }
            foreach (var (name, value) in detail ?? [])
            {
                if (!IsInternal(name) && !listNode.ContainsKey(name))
                {
                    writer.WritePropertyName(name);
                    WriteValue(writer, value);
                }
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static bool IsInternal(string name)
    {
        foreach (var field in AlertFields.InternalFields)
        {
            if (string.Equals(field, name, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonNode? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }
}
