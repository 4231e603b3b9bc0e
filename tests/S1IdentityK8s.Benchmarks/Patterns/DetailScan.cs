using System.Text.Json;

namespace S1IdentityK8s.Benchmarks.Patterns;

/// <summary>
/// A token scan of an aliased detail answer (<c>data {a0 {...} a1 {...}}</c>): the byte range of each alias's
/// object in document order, null for an alert UAM did not return. No object is built.
/// </summary>
internal sealed record DetailScan(byte[] Body, IReadOnlyList<Range?> Ranges)
{
    public static DetailScan Read(byte[] body, int count)
    {
        var reader = new Utf8JsonReader(body);
        var ranges = new List<Range?>(count);
        while (reader.Read())
        {
            // Aliases are the properties of "data", at depth 2.
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2)
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    ranges.Add(start..(int)reader.BytesConsumed);
                }
                else
                {
                    ranges.Add(null);
                }
            }
            else if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("errors"u8))
            {
                throw new InvalidOperationException("UAM answered errors: " + System.Text.Encoding.UTF8.GetString(body));
            }
        }
        return ranges.Count == count ? new DetailScan(body, ranges) : throw new InvalidOperationException($"expected {count} details, got {ranges.Count}");
    }
}
