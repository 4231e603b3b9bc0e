using System.Diagnostics;
using S1IdentityK8s.Benchmarks.Collector;
using S1IdentityK8s.Benchmarks.Measurement;
using S1IdentityK8s.Benchmarks.Patterns;

namespace S1IdentityK8s.Benchmarks.Harness;

/// <summary>One measured drain of a fresh backlog by the collector or by a comparison pattern.</summary>
public static class Drains
{
    /// <summary>
    /// The collector drains <paramref name="alerts"/> generated alerts (or for <paramref name="window"/>, whichever
    /// ends first); <paramref name="arrange"/> prepares the emulators (e.g. faults) once they are warm.
    /// </summary>
    public static async Task<CollectorDrain> CollectorAsync(
        BenchContext context, string scenario, string run, int alerts, TimeSpan latency, double requestsPerSecond, TimeSpan window,
        Action<BenchEmulators>? arrange = null)
    {
        context.Log($"{scenario} / {run}: collector, {alerts:#,0} alerts, {latency.TotalMilliseconds:0} ms, {requestsPerSecond:0} requests/s");
        await using var emulators = await BenchEmulators.StartAsync(alerts, latency);
        arrange?.Invoke(emulators);
        await using var collector = CollectorUnderTest.Start(context.Collector, emulators, context.NewDirectory($"{scenario}-{run}"), requestsPerSecond);
        using var sampler = RssSampler.Start(collector.Process.Id, TimeSpan.FromSeconds(2));
        var drain = await DrainMeter.MeasureAsync(emulators, collector.Process, collector.StartedAt, alerts, window);
        var stats = ProcessStats.Read(collector.Process.Id);
        var result = new CollectorDrain(drain, stats.PeakRssBytes, stats.RssBytes, collector.CheckpointBytes, sampler.Samples);
        context.Record(scenario, run + " collector", result);
        context.Log($"  {Describe(drain)}, peak RSS {stats.PeakRssBytes / 1e6:0.0} MB, checkpoint {result.CheckpointBytes / 1e6:0.0} MB");
        return result;
    }

    /// <summary>A comparison pattern, in its own process, drains <paramref name="alerts"/> generated alerts.</summary>
    public static async Task<DrainResult> PatternAsync(
        BenchContext context, string scenario, string run, PatternKind kind, int alerts, TimeSpan latency, double requestsPerSecond, TimeSpan window)
    {
        context.Log($"{scenario} / {run}: {kind}, {alerts:#,0} alerts, {latency.TotalMilliseconds:0} ms, {requestsPerSecond:0} requests/s");
        await using var emulators = await BenchEmulators.StartAsync(alerts, latency);
        var now = DateTimeOffset.UtcNow;
        var settings = new PatternSettings
        {
            Uam = emulators.Uam.BaseAddress,
            ApiToken = BenchEmulators.ApiToken,
            Intake = emulators.Intake.BaseAddress,
            IntakeKey = BenchEmulators.IntakeKey,
            RequestsPerSecond = requestsPerSecond,
            // Sekoia's connector first looks back 7 days; the relay reads the collector's first window.
            FromMs = (kind == PatternKind.Reference ? now.AddDays(-7) : now.AddHours(-24)).ToUnixTimeMilliseconds(),
            ToMs = now.AddSeconds(-30).ToUnixTimeMilliseconds(),
            StateDirectory = context.NewDirectory($"{scenario}-{run}-{kind}"),
        };
        var started = Stopwatch.GetTimestamp();
        await using var process = PatternProcess.Start(kind, settings);
        var drain = await DrainMeter.MeasureAsync(emulators, process, started, alerts, window);
        if (drain.Completed)
        {
            var exitCode = await process.WaitForExitAsync(TimeSpan.FromMinutes(1));
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"{kind} exited with {exitCode}: {process.OutputText}");
            }
        }
        context.Record(scenario, $"{run} {kind}", drain);
        context.Log($"  {Describe(drain)}");
        return drain;
    }

    /// <summary>One line on a drain for the log and the notes.</summary>
    public static string Describe(DrainResult drain) => FormattableString.Invariant(
        $"{drain.Acknowledged:#,0} of {drain.Target:#,0} alerts in {drain.ElapsedSeconds:0.0} s = {drain.AlertsPerSecond:#,0.0} alerts/s{(drain.Completed ? "" : " (window ended)")}; CPU: subject {drain.Cpu.SubjectSeconds:0.0} s, emulators {drain.Cpu.HarnessSeconds:0.0} s, other processes {drain.Cpu.OthersSeconds:0.0} s, machine {drain.Cpu.MachineBusyShare:P0} busy");
}
