using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Collector.Tests.Pipeline;

public sealed class SuspendTests
{
    [Fact]
    public async Task Suspend_WhileDraining_CommitsTheInFlightPageStopsPollingAndResumesWithoutLoss()
    {
        await using var h = await PipelineHarness.StartAsync();
        h.Settings.PageSize = 100;
        h.Uam.Faults.Latency = TimeSpan.FromMilliseconds(40);
        var now = DateTimeOffset.UtcNow;
        var alerts = AlertFixtures.Generate(3_000, now.AddHours(-2), now.AddMinutes(-1), seed: 11);
        h.Uam.AddAlerts(alerts);
        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.EventCount >= 300, PipelineHarness.Patience);

        h.Settings.Suspend = true;
        await h.WriteConfigAsync();
        await collector.Process.WaitForOutputAsync(l => l.Contains("Collection suspended", StringComparison.Ordinal), PipelineHarness.Patience);

        var received = h.Intake.EventCount;
        var requests = h.Uam.RequestCount;
        Assert.InRange(received, 300, 2_999);
        var checkpoint = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(h.StateDirectory, "checkpoint.json")))!;
        Assert.Equal(received, checkpoint["forwardedTotal"]!.GetValue<long>());
        await Assert.ThrowsAsync<TimeoutException>(() => h.Uam.WaitForRequestsAsync(requests + 1, TimeSpan.FromSeconds(3)));
        Assert.Equal(received, h.Intake.EventCount);

        h.Settings.Suspend = false;
        await h.WriteConfigAsync();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == alerts.Count, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);
        Assert.Equal(0, h.Intake.DuplicateCount(acknowledgedOnly: false));
    }
}
