using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace S1IdentityK8s.Collector.Serialization;

/// <summary>
/// Compact JSON written by hand with a <see cref="Utf8JsonWriter"/>: the collector is published with Native
/// AOT, where reflection-based <see cref="JsonSerializer"/> calls are not allowed. The output is what the
/// serializer writes for the same values with the same encoder.
/// </summary>
public static class JsonText
{
    /// <summary>The UTF-8 bytes <paramref name="write"/> produces; <paramref name="encoder"/> defaults to the serializer's.</summary>
    public static byte[] Utf8(Action<Utf8JsonWriter> write, JavaScriptEncoder? encoder = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
        {
            write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
