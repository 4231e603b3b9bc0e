using System.Runtime.InteropServices;
using System.Text.Json;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>Fills a template's holes with one generated alert's values while its JSON is written.</summary>
internal readonly record struct TemplateFill(AlertTemplate Template, SyntheticAlertValues Values)
{
    /// <summary>Writes <paramref name="value"/> with every hole in it filled.</summary>
    public void Write(Utf8JsonWriter writer, JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (Template.TryWriteHole(writer, raw, Values))
        {
            return;
        }
        if (!AlertTemplate.HasHole(raw))
        {
            value.WriteTo(writer);
            return;
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    var name = JsonMarshal.GetRawUtf8PropertyName(property);
                    // The writer escapes what it is given: hand it the raw name only when there is nothing to unescape.
                    if (name.Contains((byte)'\\'))
                    {
                        writer.WritePropertyName(property.Name);
                    }
                    else
                    {
                        writer.WritePropertyName(name);
                    }
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
