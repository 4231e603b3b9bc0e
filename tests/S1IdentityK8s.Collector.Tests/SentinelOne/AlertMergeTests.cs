using System.Text;
using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Sekoia;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Tests.SentinelOne;

public class AlertMergeTests
{
    [Fact]
    public void ToUtf8Json_DetailCollides_DetailWinsInTheListFieldsPlaceAndNeitherInputChanges()
    {
        var list = JsonNode.Parse("""{"id":"a1","status":"NEW","updatedAt":"2026-01-01T00:00:00.000Z","name":"Kerberoasting"}""")!.AsObject();
        var detail = JsonNode.Parse("""{"status":"RESOLVED","rawData":{"time":"1"},"analystVerdict":null}""")!.AsObject();
        var (listBefore, detailBefore) = (list.DeepClone(), detail.DeepClone());

        var merged = Encoding.UTF8.GetString(AlertMerge.ToUtf8Json(list, detail));

        Assert.Equal("""{"id":"a1","status":"RESOLVED","name":"Kerberoasting","rawData":{"time":"1"},"analystVerdict":null}""", merged);
        Assert.True(JsonNode.DeepEquals(listBefore, list));
        Assert.True(JsonNode.DeepEquals(detailBefore, detail));
        Assert.Null(list.Parent);
    }

    [Fact]
    public void ToUtf8Json_NoDetail_SameBytesAsTheStrippedListNodeSerialised()
    {
        var list = JsonNode.Parse("""{"id":"a1","name":"Connexion suspecte – é \"quoted\" <tag>","updatedAt":1,"process":null}""")!.AsObject();
        var stripped = list.DeepClone().AsObject();
        stripped.Remove("updatedAt");

        var merged = AlertMerge.ToUtf8Json(list, null);

        Assert.Equal(OutgoingAlert.From("a1", 1, stripped).Utf8Json, merged);
        Assert.Contains("é", Encoding.UTF8.GetString(merged), StringComparison.Ordinal);
    }
}
