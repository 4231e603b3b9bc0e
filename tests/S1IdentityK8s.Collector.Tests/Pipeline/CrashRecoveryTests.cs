using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.TestSupport.Fixtures;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Pipeline;

public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sigkill_FiveTimesWhileDraining_NothingLostDuplicatesBounded()
    {
        await using var h = await PipelineHarness.StartAsync();
        h.Settings.PageSize = 200;
        h.Settings.MaxBatchEvents = 100;
        h.Intake.Faults.Latency = TimeSpan.FromMilliseconds(10);
        var now = DateTimeOffset.UtcNow;
        var alerts = AlertFixtures.Generate(10_000, now.AddHours(-2), now.AddMinutes(-1), seed: 2);
        h.Uam.AddAlerts(alerts);
        var random = new Random(20261124);
        var killPoints = Enumerable.Range(0, 5).Select(_ => random.Next(300, 9_700)).Order().ToList();

        foreach (var point in killPoints)
        {
            var doomed = await h.StartCollectorAsync();
            await h.Intake.WaitForAsync(() => h.Intake.EventCount >= point, PipelineHarness.Patience);
            await doomed.Process.KillAsync();
            output.WriteLine($"SIGKILL after {h.Intake.EventCount} events received (target {point})");
        }
        var survivor = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == alerts.Count, PipelineHarness.Patience);
        await survivor.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        var lost = h.Intake.MissingIds(alerts.Select(a => a["id"]!.GetValue<string>())).Count;
        var duplicates = h.Intake.DuplicateCount(acknowledgedOnly: false);
        var checkpoint = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(h.StateDirectory, "checkpoint.json")))!;
        output.WriteLine($"10,000 alerts, 5 SIGKILLs at {string.Join(", ", killPoints)}: lost {lost}, duplicates {duplicates}, " +
            $"events received {h.Intake.EventCount}, checkpoint forwardedTotal {checkpoint["forwardedTotal"]}");
        Assert.Equal(0, lost);
        // At-least-once: a kill between the intake's acknowledgement and the checkpoint write re-sends at
        // most the chunks in flight (of 100 alerts) per kill.
        Assert.InRange(duplicates, 0, 5 * DeliveryPipeline.ChunksInFlight * 100);
    }
}
