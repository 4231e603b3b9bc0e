using S1IdentityK8s.Benchmarks.Harness;
using S1IdentityK8s.Benchmarks.Patterns;
using S1IdentityK8s.Benchmarks.Reporting;

namespace S1IdentityK8s.Benchmarks.Scenarios;

/// <summary>
/// Throughput ceiling: the collector and the minimal relay each drain the same backlog with no injected
/// latency and the collector's largest budget; the collector must keep at least half the relay's rate.
/// Also the collector's CPU per 10,000 alerts and the emulators' CPU share.
/// </summary>
public sealed class ThroughputScenario : IScenario
{
    private const string Title = "Throughput ceiling";

    public string Name => "throughput";

    public async Task RunAsync(BenchContext context)
    {
        var profile = context.Profile;
        var (alerts, rps, window) = (profile.ThroughputAlerts, profile.UnboundedRequestsPerSecond, profile.MaxDrain);
        var collector = await Drains.CollectorAsync(context, Name, "drain", alerts, TimeSpan.Zero, rps, window);
        var relay = await Drains.PatternAsync(context, Name, "drain", PatternKind.Relay, alerts, TimeSpan.Zero, rps, window);
        var c = collector.Drain;
        var bound = rps * 500 / 11;
        context.Figures.Add(new Figure
        {
            Id = "throughput.ratio",
            Scenario = Title,
            Name = FormattableString.Invariant($"alerts/s draining {alerts:#,0} detailed alerts, 0 ms, {rps:0} requests/s"),
            Measured = new Quantity("collector", c.AlertsPerSecond, "alerts/s"),
            Baseline = new Quantity("minimal relay", relay.AlertsPerSecond, "alerts/s"),
            Target = new Target(true, 0.5, true, "×"),
            Note = FormattableString.Invariant(
                $"collector: {Drains.Describe(c)}. Relay: {Drains.Describe(relay)}. The budget caps both at {bound:#,0} alerts/s (11 requests per 500 alerts).")
                + (c.Completed ? "" : " The collector did not finish the backlog within the window: its rate is over what it acknowledged."),
        });
        context.Figures.Add(new Figure
        {
            Id = "throughput.cpu-per-10k",
            Scenario = Title,
            Name = "CPU-seconds per 10,000 alerts",
            Measured = new Quantity("collector", c.SubjectCpuSecondsPer10k, "CPU-s"),
            Baseline = new Quantity("minimal relay", relay.SubjectCpuSecondsPer10k, "CPU-s"),
            Note = FormattableString.Invariant(
                $"user + system time of each process (/proc/PID/stat) from UAM's first answer to the last acknowledgement: collector {c.Cpu.SubjectSeconds:0.0} CPU-s for {c.Acknowledged:#,0} alerts, relay {relay.Cpu.SubjectSeconds:0.0} CPU-s for {relay.Acknowledged:#,0}."),
        });
        context.Figures.Add(new Figure
        {
            Id = "throughput.emulator-share",
            Scenario = Title,
            Name = "emulators' share of the CPU spent while the collector drained",
            Measured = new Quantity("emulators", c.Cpu.HarnessShare * 100, "%"),
            Note = FormattableString.Invariant(
                $"emulators (the harness process) {c.Cpu.HarnessSeconds:0.0} CPU-s against the collector's {c.Cpu.SubjectSeconds:0.0} over {c.ElapsedSeconds:0.0} s; the machine was {c.Cpu.MachineBusyShare:P0} busy, {c.Cpu.OthersSeconds:0.0} CPU-s of it other processes. During the relay's drain the emulators took {relay.Cpu.HarnessShare:P0} ({relay.Cpu.HarnessSeconds:0.0} CPU-s against the relay's {relay.Cpu.SubjectSeconds:0.0}).")
                + (c.Cpu.MachineBusyShare > 0.9 ? " The machine's cores were saturated: with the emulators, the collector and other processes competing, the rates are CPU-bound here." : ""),
        });
    }
}
