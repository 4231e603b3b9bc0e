using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Sekoia;

namespace S1IdentityK8s.Collector.Tests.Sekoia;

public class ChunkBuilderTests
{
    [Fact]
    public void Add_CountLimitReached_ClosesTheChunkWhenTheNextAlertArrives()
    {
        var builder = new ChunkBuilder(maxBatchEvents: 2, envelopeBytes: 40);
        var alerts = Alerts(5, 10);

        var closed = alerts.Select(builder.Add).ToList();

        Assert.Equal([null, null, 2, null, 2], closed.Select(c => c?.Count));
        Assert.Equal(alerts.Take(2), closed[2]!);
        Assert.Equal(alerts.Skip(2).Take(2), closed[4]!);
        Assert.Equal([alerts[4]], builder.Flush()!);
        Assert.Null(builder.Flush());
    }

    [Fact]
    public void Add_BodyLimitReached_EveryClosedBodyUnderIt()
    {
        const int limit = 10_000;
        var builder = new ChunkBuilder(maxBatchEvents: 1000, envelopeBytes: 40, maxBodyBytes: limit);

        var chunks = Alerts(40, 1500).Select(builder.Add).OfType<IReadOnlyList<OutgoingAlert>>().ToList();
        chunks.Add(builder.Flush()!);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(IntakeClient.Body(new string('k', 8), c).Length <= limit));
        Assert.Equal(40, chunks.Sum(c => c.Count));
    }

    [Fact]
    public void Add_OversizeAlert_RidesAlongWithoutTakingAPlace()
    {
        var builder = new ChunkBuilder(maxBatchEvents: 2, envelopeBytes: 40);
        var small = Alerts(3, 10);
        var oversize = OutgoingAlert.From("big", 0, new JsonObject { ["id"] = "big", ["pad"] = new string('x', IntakeLimits.MaxEventBytes) });

        Assert.Null(builder.Add(small[0]));
        Assert.Null(builder.Add(oversize));
        Assert.Null(builder.Add(small[1]));
        var closed = builder.Add(small[2]);

        Assert.True(oversize.Oversize);
        Assert.Equal([small[0].Id, "big", small[1].Id], closed!.Select(a => a.Id));
    }

    private static List<OutgoingAlert> Alerts(int count, int padding) =>
        Enumerable.Range(0, count)
            .Select(i => OutgoingAlert.From($"id-{i}", i, new JsonObject { ["id"] = $"id-{i}", ["pad"] = new string('x', padding) }))
            .ToList();
}
