using System.Text.Json;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// Writes only the selected fields of stored JSON, recursively; a selected field the alert lacks is null,
/// and a leaf is written whole (so <c>rawData</c> comes back as the full JSON object). A generated alert's
/// template is written with its holes filled (<see cref="TemplateFill"/>).
/// </summary>
internal static class SelectionWriter
{
    public static void WriteObject(Utf8JsonWriter writer, JsonElement source, IReadOnlyList<SelectedField> selection, TemplateFill? fill = null)
    {
        writer.WriteStartObject();
        foreach (var field in selection)
        {
            writer.WritePropertyName(field.ResponseKey);
            if (source.TryGetProperty(field.Name, out var value))
            {
                WriteValue(writer, value, field.Children, fill);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement value, IReadOnlyList<SelectedField>? selection, TemplateFill? fill)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when selection is not null:
                WriteObject(writer, value, selection, fill);
                break;
            case JsonValueKind.Array when selection is not null:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteValue(writer, item, selection, fill);
                }
                writer.WriteEndArray();
                break;
            default:
                if (fill is { } f)
                {
                    f.Write(writer, value);
                }
                else
                {
                    value.WriteTo(writer);
                }
                break;
        }
    }
}
