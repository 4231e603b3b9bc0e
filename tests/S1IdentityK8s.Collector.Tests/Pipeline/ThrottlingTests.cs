using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Pipeline;

public sealed class ThrottlingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Intake_ThirtyPercent503AndA429Burst_NothingLost()
    {
        await using var h = await PipelineHarness.StartAsync();
        h.Settings.MaxBatchEvents = 100;
        var now = DateTimeOffset.UtcNow;
        var alerts = AlertFixtures.Generate(2_000, now.AddHours(-1), now.AddMinutes(-1), seed: 3);
        h.Uam.AddAlerts(alerts);
        h.Intake.Faults.Enqueue(ScriptedFault.TooManyRequests(2), 3);
        h.Intake.Faults.FailRandomly(0.3, seed: 3, ScriptedFault.ServiceUnavailable());

        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == alerts.Count, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        var requests = h.Intake.Requests;
        var lost = h.Intake.MissingIds(alerts.Select(a => a["id"]!.GetValue<string>())).Count;
        Assert.Equal(0, lost);
        Assert.Equal(0, h.Intake.DuplicateCount());
        var throttled = requests.Where(r => r.StatusCode == 429).ToList();
        Assert.Equal(3, throttled.Count);
        foreach (var t in throttled)
        {
            // Chunks are pushed concurrently: the other push may already be on its way when one is throttled;
            // nothing else may come before Retry-After: 2 has elapsed, whichever push was answered.
            var early = requests.Where(r => r.Elapsed > t.Elapsed && r.Elapsed - t.Elapsed < TimeSpan.FromSeconds(1.95)).ToList();
            Assert.True(early.Count <= DeliveryPipeline.ChunksInFlight - 1,
                $"{early.Count} requests came within 2s after the 429 of request {t.Number} (Retry-After: 2): " +
                string.Join(", ", early.Select(r => $"#{r.Number} +{(r.Elapsed - t.Elapsed).TotalSeconds:0.###}s")));
        }
        var failed = requests.Count(r => !r.Succeeded);
        Assert.True(failed >= 6, $"only {failed} failures injected");
        Assert.True(await collector.MetricAsync("s1identity_requests_total", "target=\"sekoia\"", "outcome=\"unavailable\"") >= 3);
        output.WriteLine($"2,000 alerts through 30% 503 + 3×429: lost {lost}, duplicates 0, intake requests {requests.Count} ({failed} failed)");
    }

    [Fact]
    public async Task Uam_429WithRetryAfter3_NoRequestBeforeItElapses()
    {
        await using var h = await PipelineHarness.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var alerts = AlertFixtures.Generate(300, now.AddHours(-1), now.AddMinutes(-1), seed: 4);
        h.Uam.AddAlerts(alerts);
        h.Uam.Faults.Enqueue(ScriptedFault.TooManyRequests(3));

        await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == alerts.Count, PipelineHarness.Patience);

        var requests = h.Uam.Requests;
        Assert.Equal(429, requests[0].StatusCode);
        var gap = requests[1].Elapsed - requests[0].Elapsed;
        Assert.True(gap >= TimeSpan.FromSeconds(2.95), $"second request {gap.TotalSeconds:0.###}s after a 429 with Retry-After: 3");
        output.WriteLine($"UAM 429 Retry-After: 3 → next request after {gap.TotalSeconds:0.###}s; 300 alerts delivered, {requests.Count} UAM requests");
    }
}
