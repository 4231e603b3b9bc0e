using S1IdentityK8s.Protos.Collector.V1;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Collector.Tests.Pipeline;

/// <summary>
/// Dead letters on a volume of their own (<c>deadLetters.directory</c>, a PersistentVolumeClaim in a
/// cluster) outlive the collector: a new process with a fresh state directory, as after a pod roll, lists them.
/// </summary>
public sealed class DurableDeadLetterTests
{
    [Fact]
    public async Task DeadLetters_OnTheirOwnVolume_ListedByTheNextCollectorWithTheOldestDroppedCounted()
    {
        await using var h = await PipelineHarness.StartAsync();
        var volume = Path.Combine(h.Root, "volume");
        h.Settings.ExtraYaml = $"deadLetters: {{directory: {volume}, maxCount: 2}}";
        var now = DateTimeOffset.UtcNow;
        var oversize = Enumerable.Range(0, 3).Select(i => AlertFixtures.Oversize(now.AddMinutes(-20 + (5 * i)), seed: 30 + i)).ToList();
        h.Uam.AddAlerts([.. AlertFixtures.Generate(5, now.AddMinutes(-30), now.AddMinutes(-1), seed: 29), .. oversize]);
        var oversizeIds = oversize.Select(a => a["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

        var first = await h.StartCollectorAsync(instance: "pod-a");
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == 5, PipelineHarness.Patience);
        await first.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);
        Assert.Equal(3, await first.MetricAsync("s1identity_alerts_dead_lettered_total"));
        Assert.Equal(1, await first.MetricAsync("s1identity_dead_letters_dropped_total", "reason=\"capacity\""));
        var status = await first.GetStatusAsync();
        Assert.Equal((3, 1), (status.AlertsDeadLetteredTotal, status.DeadLettersDroppedTotal));
        var dropLine = await first.Process.WaitForOutputAsync(l => l.Contains("dropped: the store is over its bounds", StringComparison.Ordinal),
            PipelineHarness.Patience);
        var droppedId = Assert.Single(oversizeIds, dropLine.Text.Contains);
        Assert.Equal(0, await first.Process.StopAsync());

        // The next pod: a fresh state directory, the same volume; suspended, so it cannot dead-letter them anew.
        h.Settings.Suspend = true;
        var second = await h.StartCollectorAsync(instance: "pod-b");
        var listed = await ListDeadLettersAsync(second);

        Assert.Equal(2, listed.TotalSize);
        Assert.Equal(oversizeIds.Where(id => id != droppedId).Order(StringComparer.Ordinal), listed.DeadLetters.Select(l => l.AlertId).Order(StringComparer.Ordinal));
        Assert.All(listed.DeadLetters, l => Assert.Equal("oversize", l.Reason));
        Assert.False(Directory.Exists(Path.Combine(h.Root, "pod-b", "dead-letters")));
        Assert.Equal(2, await second.MetricAsync("s1identity_dead_letters_stored"));
    }

    private static async Task<ListDeadLettersResponse> ListDeadLettersAsync(RunningCollector collector) =>
        await collector.Client.ListDeadLettersAsync(new ListDeadLettersRequest(), RunningCollector.Auth);
}
