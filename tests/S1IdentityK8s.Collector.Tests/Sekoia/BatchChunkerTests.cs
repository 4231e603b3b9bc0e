using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Sekoia;

namespace S1IdentityK8s.Collector.Tests.Sekoia;

public class BatchChunkerTests
{
    [Fact]
    public void Chunk_CountLimit_SplitsInOrder()
    {
        var alerts = Alerts(25, 10);

        var chunks = BatchChunker.Chunk(alerts, maxBatchEvents: 10, envelopeBytes: 40);

        Assert.Equal([10, 10, 5], chunks.Select(c => c.Count));
        Assert.Equal(alerts.Select(a => a.Id), chunks.SelectMany(c => c).Select(a => a.Id));
    }

    [Fact]
    public void Chunk_SizeLimit_EveryBodyUnderLimit()
    {
        var alerts = Alerts(100, 2000);
        const int limit = 20_000;

        var chunks = BatchChunker.Chunk(alerts, maxBatchEvents: 1000, envelopeBytes: 40, maxBodyBytes: limit);

        Assert.True(chunks.Count > 1);
        foreach (var chunk in chunks)
        {
            Assert.True(IntakeClient.Body(new string('k', 8), chunk).Length <= limit);
        }
        Assert.Equal(100, chunks.Sum(c => c.Count));
    }

    [Fact]
    public void Chunk_RealLimit_NineMebibyteBodies()
    {
        var alerts = Alerts(200, 100_000);

        var chunks = BatchChunker.Chunk(alerts, 1000, BatchChunker.EnvelopeBytes(36));

        Assert.All(chunks, c => Assert.True(IntakeClient.Body(new string('k', 36), c).Length <= IntakeLimits.MaxBodyBytes));
        Assert.True(chunks.Count >= 3);
    }

    [Fact]
    public void Body_EachEventIsAJsonString_ThatParsesBackToTheAlert()
    {
        var alerts = Alerts(3, 50);

        var body = JsonNode.Parse(IntakeClient.Body("key", alerts))!.AsObject();

        Assert.Equal("key", body["intake_key"]!.GetValue<string>());
        var jsons = body["jsons"]!.AsArray();
        Assert.Equal(3, jsons.Count);
        for (var i = 0; i < 3; i++)
        {
            var text = jsons[i]!.GetValue<string>();
            Assert.Equal(alerts[i].Json, text);
            Assert.Equal(alerts[i].Id, JsonNode.Parse(text)!["id"]!.GetValue<string>());
        }
    }

    private static List<OutgoingAlert> Alerts(int count, int padding) =>
        Enumerable.Range(0, count)
            .Select(i => OutgoingAlert.From($"id-{i}", i, new JsonObject { ["id"] = $"id-{i}", ["pad"] = new string('x', padding), ["q"] = "\"quoted\" é" }))
            .ToList();
}
