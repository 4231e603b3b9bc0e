using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Tests.SentinelOne;

public sealed class UamPageReaderTests
{
    /// <summary>Malformed <c>data</c> → the words the error must contain.</summary>
    public static TheoryData<string, string> Malformed => new()
    {
        { """{}""", "'alerts' must be an object, got nothing" },
        { """{"alerts":[]}""", "'alerts' must be an object, got []" },
        { """{"alerts":{"edges":null,"pageInfo":{"hasNextPage":false}}}""", "'alerts.edges' must be a list, got null" },
        { """{"alerts":{"pageInfo":{"hasNextPage":false}}}""", "'alerts.edges' must be a list, got nothing" },
        { """{"alerts":{"edges":"none","pageInfo":{"hasNextPage":false}}}""", "'alerts.edges' must be a list, got \"none\"" },
        { """{"alerts":{"edges":[{"node":null}],"pageInfo":{"hasNextPage":false}}}""", "'alerts.edges[0].node' must be an alert object, got null" },
        { """{"alerts":{"edges":[7],"pageInfo":{"hasNextPage":false}}}""", "'alerts.edges[0].node' must be an alert object, got 7" },
        { """{"alerts":{"edges":[]}}""", "'alerts.pageInfo' must be an object, got nothing" },
        { """{"alerts":{"edges":[],"pageInfo":{"hasNextPage":"yes","endCursor":"c"}}}""", "'alerts.pageInfo.hasNextPage' must be true or false, got \"yes\"" },
        { """{"alerts":{"edges":[],"pageInfo":{"endCursor":"c"}}}""", "'alerts.pageInfo.hasNextPage' must be true or false, got nothing" },
        { """{"alerts":{"edges":[],"pageInfo":{"hasNextPage":true,"endCursor":42}}}""", "'alerts.pageInfo.endCursor' must be a string or null, got 42" },
        { """{"alerts":{"edges":[],"pageInfo":{"hasNextPage":true,"endCursor":null}}}""", "hasNextPage without an endCursor" },
        { """{"alerts":{"edges":[],"pageInfo":{"hasNextPage":true,"endCursor":""}}}""", "hasNextPage without an endCursor" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Read_MalformedPage_TransientErrorNamingTheField(string data, string expected)
    {
        var e = Assert.Throws<UamException>(() => UamPageReader.Read(JsonNode.Parse(data)!.AsObject()));

        Assert.Equal(UamFailureKind.Unavailable, e.Kind);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WellFormedPage_NodesInOrderWithTheCursor()
    {
        var page = UamPageReader.Read(JsonNode.Parse("""
            {"alerts":{"edges":[{"node":{"id":"a"}},{"node":{"id":"b"}}],"pageInfo":{"hasNextPage":true,"endCursor":"c2"}}}
            """)!.AsObject());

        Assert.Equal(["a", "b"], page.Nodes.Select(AlertFields.Id));
        Assert.Equal(("c2", true), (page.EndCursor, page.HasNextPage));
    }

    [Theory]
    [InlineData("""{"id":"x","detectedAt":"yesterday"}""", "alert \"x\" has an invalid 'detectedAt': expected an RFC 3339 time or epoch ms, got \"yesterday\"")]
    [InlineData("""{"id":"x","detectedAt":1.5}""", "invalid 'detectedAt'")]
    [InlineData("""{"id":"x","detectedAt":true}""", "got true")]
    [InlineData("""{"id":"x"}""", "alert \"x\" has no 'detectedAt'")]
    public void TimestampMs_NotATime_FormatErrorNamingAlertFieldAndValue(string node, string expected)
    {
        var e = Assert.Throws<FormatException>(() => AlertFields.TimestampMs(JsonNode.Parse(node)!.AsObject(), AlertTimeField.DetectedAt));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
