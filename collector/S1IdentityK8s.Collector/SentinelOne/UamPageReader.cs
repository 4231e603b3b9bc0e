using System.Text.Json;
using System.Text.Json.Nodes;

namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>
/// Reads one page of the <c>alerts</c> list strictly: a shape the schema does not allow is an error naming
/// the field, never a guess. Reading a missing <c>edges</c> as an empty page, or a missing <c>pageInfo</c> as
/// the last page, would move the watermark over alerts never read: a silent loss. The error is transient
/// (<see cref="UamFailureKind.Unavailable"/>): a proxy's hiccup is retried, a lasting one fails the cycle
/// with the reason in <c>last_cycle_error</c> and the checkpoint stays where it was.
/// </summary>
public static class UamPageReader
{
    private const int MaxShown = 40;

    /// <summary>The page in <paramref name="data"/> (the response's <c>data</c>), or a <see cref="UamException"/>.</summary>
    public static AlertPage Read(JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var alerts = data["alerts"] as JsonObject ?? throw Malformed(data, "alerts", "an object");
        var edges = alerts["edges"] as JsonArray ?? throw Malformed(alerts, "alerts.edges", "a list");
        var nodes = new List<JsonObject>(edges.Count);
        for (var i = 0; i < edges.Count; i++)
        {
            if (edges[i] is not JsonObject edge || edge["node"] is not JsonObject node)
            {
                throw Malformed(edges[i] as JsonObject, $"alerts.edges[{i}].node", "an alert object", edges[i] is JsonObject ? null : edges[i]);
            }
            edge.Remove("node");
            nodes.Add(node);
        }
        var pageInfo = alerts["pageInfo"] as JsonObject ?? throw Malformed(alerts, "alerts.pageInfo", "an object");
        var hasNext = pageInfo["hasNextPage"] is JsonValue h && h.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? h.GetValue<bool>()
            : throw Malformed(pageInfo, "alerts.pageInfo.hasNextPage", "true or false");
        var cursor = pageInfo["endCursor"] switch
        {
            null => null,
            JsonValue c when c.GetValueKind() == JsonValueKind.String => c.GetValue<string>(),
            _ => throw Malformed(pageInfo, "alerts.pageInfo.endCursor", "a string or null"),
        };
        if (hasNext && string.IsNullOrEmpty(cursor))
        {
            throw new UamException(UamFailureKind.Unavailable, "SentinelOne said hasNextPage without an endCursor");
        }
        return new AlertPage(nodes, cursor, hasNext);
    }

    /// <summary>A value as shown in an error: its JSON, cut short.</summary>
    public static string Show(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length <= MaxShown ? text : text[..MaxShown] + "...";
    }

    // "alerts.edges must be a list, got null" / "..., got nothing" when the key is absent.
    private static UamException Malformed(JsonObject? parent, string path, string expected, JsonNode? shown = null)
    {
        var key = path[(path.LastIndexOf('.') + 1)..];
        var got = parent is not null && !parent.ContainsKey(key) ? "nothing" : Show(shown ?? parent?[key]);
        return new UamException(UamFailureKind.Unavailable, $"SentinelOne list page malformed: '{path}' must be {expected}, got {got}");
    }
}
