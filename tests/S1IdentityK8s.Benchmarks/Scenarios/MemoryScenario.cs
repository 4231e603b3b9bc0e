using S1IdentityK8s.Benchmarks.Harness;
using S1IdentityK8s.Benchmarks.Reporting;

namespace S1IdentityK8s.Benchmarks.Scenarios;

/// <summary>
/// Memory: the collector's peak RSS draining a small and a large backlog; the large one must stay under
/// 200 MB and within 1.25× of the small one (memory must not grow with the backlog).
/// </summary>
public sealed class MemoryScenario : IScenario
{
    private const string Title = "Memory";

    public string Name => "memory";

    public async Task RunAsync(BenchContext context)
    {
        var profile = context.Profile;
        var (small, large) = profile.MemoryBacklogs;
        var rps = profile.UnboundedRequestsPerSecond;
        var smallRun = await Drains.CollectorAsync(context, Name, $"{small}", small, TimeSpan.Zero, rps, profile.MaxDrain);
        var largeRun = await Drains.CollectorAsync(context, Name, $"{large}", large, TimeSpan.Zero, rps, profile.MaxDrain);
        var evidence = FormattableString.Invariant(
            $"{Label(small)}: {Drains.Describe(smallRun.Drain)}; peak RSS {smallRun.PeakRssBytes / 1e6:0.0} MB, checkpoint file {smallRun.CheckpointBytes / 1e6:0.0} MB at the end. {Label(large)}: {Drains.Describe(largeRun.Drain)}; peak RSS {largeRun.PeakRssBytes / 1e6:0.0} MB, checkpoint file {largeRun.CheckpointBytes / 1e6:0.0} MB at the end.")
            + (largeRun.Drain.Completed ? "" : FormattableString.Invariant($" The large backlog was not drained within {profile.MaxDrain.TotalMinutes:0} minutes: its peak is over the part drained."));
        context.Figures.Add(new Figure
        {
            Id = "memory.peak-rss-large",
            Scenario = Title,
            Name = $"peak RSS draining {Label(large)} alerts",
            Measured = new Quantity("collector", largeRun.PeakRssBytes / 1e6, "MB"),
            Target = Target.ValueAtMost(200, "MB"),
            Note = evidence,
        });
        context.Figures.Add(new Figure
        {
            Id = "memory.peak-rss-ratio",
            Scenario = Title,
            Name = $"peak RSS({Label(large)}) / peak RSS({Label(small)})",
            Measured = new Quantity(Label(large), largeRun.PeakRssBytes / 1e6, "MB"),
            Baseline = new Quantity(Label(small), smallRun.PeakRssBytes / 1e6, "MB"),
            Target = Target.RatioAtMost(1.25),
            Note = "RSS during each drain (MB, every 2 s) is in results.json. " + Growth(smallRun, largeRun),
        });
    }

    private static string Label(int alerts) => alerts >= 1_000_000 && alerts % 1_000_000 == 0
        ? FormattableString.Invariant($"{alerts / 1_000_000}M")
        : alerts >= 1000 && alerts % 1000 == 0 ? FormattableString.Invariant($"{alerts / 1000}k") : FormattableString.Invariant($"{alerts}");

    // What grows with the backlog: RSS per alert drained beyond the small run, and the checkpoint's size.
    private static string Growth(CollectorDrain small, CollectorDrain large)
    {
        var extraAlerts = large.Drain.Acknowledged - small.Drain.Acknowledged;
        if (extraAlerts <= 0)
        {
            return "";
        }
        return FormattableString.Invariant(
            $"Beyond the small backlog, peak RSS grew by {(large.PeakRssBytes - small.PeakRssBytes) / (double)extraAlerts:0} bytes per extra alert drained, and the checkpoint file by {(large.CheckpointBytes - small.CheckpointBytes) / (double)extraAlerts:0} bytes per alert.");
    }
}
