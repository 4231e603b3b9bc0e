using System.Text.Json;

namespace S1IdentityK8s.Benchmarks.Patterns;

/// <summary>
/// A token scan of an <c>alerts</c> answer (<c>data.alerts {pageInfo {endCursor hasNextPage} edges [{node}]}</c>):
/// the page info and, per edge, the byte range of its node and its id. No object is built.
/// </summary>
internal sealed record ListScan(IReadOnlyList<(Range Range, string Id)> Nodes, string? EndCursor, bool HasNextPage)
{
    public static ListScan Read(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        var nodes = new List<(Range, string)>();
        string? endCursor = null;
        var hasNext = false;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }
            if (reader.ValueTextEquals("node"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                var id = FirstId(ref reader);
                reader.Skip();
                nodes.Add((start..(int)reader.BytesConsumed, id));
            }
            else if (reader.ValueTextEquals("endCursor"u8))
            {
                reader.Read();
                endCursor = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("hasNextPage"u8))
            {
                reader.Read();
                hasNext = reader.GetBoolean();
            }
            else if (reader.ValueTextEquals("errors"u8))
            {
                throw new InvalidOperationException("UAM answered errors: " + System.Text.Encoding.UTF8.GetString(body));
            }
        }
        return new ListScan(nodes, endCursor, hasNext);
    }

    // The node's top-level "id", read from a copy of the reader so the caller can still skip the node whole.
    private static string FirstId(ref Utf8JsonReader node)
    {
        var copy = node;
        var depth = copy.CurrentDepth;
        while (copy.Read() && copy.CurrentDepth > depth)
        {
            if (copy.TokenType == JsonTokenType.PropertyName && copy.CurrentDepth == depth + 1 && copy.ValueTextEquals("id"u8))
            {
                copy.Read();
                return copy.GetString()!;
            }
            if (copy.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                copy.Skip();
            }
        }
        throw new InvalidOperationException("an alert node without id");
    }
}
