using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Collector.Tests.Pipeline;

public sealed class DeadLetterTests
{
    [Fact]
    public async Task OversizeAlert_DeadLetteredWhileItsNeighboursAreDelivered()
    {
        await using var h = await PipelineHarness.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var alerts = AlertFixtures.Generate(20, now.AddMinutes(-30), now.AddMinutes(-1), seed: 9).ToList();
        var oversize = AlertFixtures.Oversize(now.AddMinutes(-15), seed: 10);
        h.Uam.AddAlerts([.. alerts, oversize]);
        var oversizeId = oversize["id"]!.GetValue<string>();

        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == 20, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        Assert.DoesNotContain(oversizeId, h.Intake.CountsById().Keys);
        Assert.Empty(h.Intake.RejectedOversize);
        var letters = Directory.GetFiles(Path.Combine(h.StateDirectory, "dead-letters"), "*.json");
        var letter = Assert.Single(letters);
        var text = await File.ReadAllTextAsync(letter);
        Assert.Contains(oversizeId, text, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"oversize\"", text, StringComparison.Ordinal);
        Assert.Equal(1, await collector.MetricAsync("s1identity_alerts_dead_lettered_total", "reason=\"oversize\""));
        Assert.Equal(20, await collector.MetricAsync("s1identity_alerts_forwarded_total"));
    }
}
