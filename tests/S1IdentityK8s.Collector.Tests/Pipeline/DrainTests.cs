using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Pipeline;

public sealed class DrainTests(ITestOutputHelper output)
{
    private static readonly string[] DetailFields = ["analystVerdict", "analytics", "asset", "rawData"];

    [Fact]
    public async Task Drain_TenThousandAlertsOverManyPages_EachArrivesOnceWithItsFullMergedContent()
    {
        await using var h = await PipelineHarness.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var alerts = AlertFixtures.Generate(10_000, now.AddHours(-2), now.AddMinutes(-1), seed: 1);
        h.Uam.AddAlerts(alerts);

        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForEventsAsync(10_000, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        var counts = h.Intake.CountsById();
        Assert.Equal(10_000, counts.Count);
        Assert.DoesNotContain(counts, c => c.Value != 1);
        foreach (var e in h.Intake.Events)
        {
            Assert.True(JsonNode.DeepEquals(h.Expected(e.AlertId!), JsonNode.Parse(e.Raw)), $"alert {e.AlertId} differs from the merged alert");
        }
        var requests = h.Uam.Requests;
        var lists = requests.Count(r => r.Kind == UamRequestKind.List);
        var details = requests.Where(r => r.Kind == UamRequestKind.Detail).ToList();
        Assert.Equal(10_000, details.Sum(r => r.DetailLookups));
        Assert.Equal(10_000 / 50, details.Count);
        Assert.All(h.Intake.Requests, r => Assert.True(r.Gzip && r.Succeeded));
        output.WriteLine($"10,000 alerts: lost 0, duplicates 0; UAM requests: {lists} list, {details.Count} detail " +
            $"(Sekoia's connector would make 10,000 detail requests); intake requests: {h.Intake.RequestCount}");
    }

    [Fact]
    public async Task Drain_RealSampleAlerts_ForwardedExactlyAsSekoiasParserExpects()
    {
        await using var h = await PipelineHarness.StartAsync();
        h.Settings.InitialLookback = "30000h";
        var samples = AlertFixtures.SampleNames.ToDictionary(n => n, AlertFixtures.Load);
        h.Uam.AddAlerts(samples.Values.Select(s => s.DeepClone().AsObject()));

        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForEventsAsync(samples.Count, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        Assert.Equal(samples.Count, h.Intake.EventCount);
        var byId = h.Intake.Events.ToDictionary(e => e.AlertId!, e => JsonNode.Parse(e.Raw)!.AsObject());
        foreach (var (name, sample) in samples)
        {
            var forwarded = byId[sample["id"]!.GetValue<string>()];
            if (sample.ContainsKey("rawData"))
            {
                // Current shape (list + detail): byte-for-byte the object Sekoia's parser tests use.
                Assert.True(JsonNode.DeepEquals(sample, forwarded), $"{name} forwarded differently:\n{forwarded}");
            }
            else
            {
                // List-only samples predate the detail query: same list fields, detail fields null.
                foreach (var (key, value) in sample)
                {
                    Assert.True(JsonNode.DeepEquals(value, forwarded[key]), $"{name}.{key} differs");
                }
                Assert.All(DetailFields, k => Assert.Null(forwarded[k]));
            }
        }
    }
}
