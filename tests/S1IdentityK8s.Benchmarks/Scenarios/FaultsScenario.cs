using S1IdentityK8s.Benchmarks.Harness;
using S1IdentityK8s.Benchmarks.Reporting;
using S1IdentityK8s.TestSupport.Emulators;

namespace S1IdentityK8s.Benchmarks.Scenarios;

/// <summary>
/// Drain under intermittent faults: the collector drains the same backlog twice, fault-free and with a fifth
/// of the requests failing on both sides, at two points: no latency at its largest budget (the worst case
/// for retry waits, which then cost many round trips each) and 50 ms per UAM request at 25 requests/s
/// (the round-trip scenario's setting, where the budget binds). A failed request costs a request, so the
/// ideal ratio is the success ratio, 0.8; the target asks for most of it.
/// </summary>
public sealed class FaultsScenario : IScenario
{
    private const string Title = "Drain under intermittent faults";
    private const double FailureRatio = 0.2;

    // Every transient fault of the fault matrix but the intake's "processed, then the connection dropped":
    // that one is re-sent in full and would count twice towards the acknowledged total the drain waits for.
    private static readonly ScriptedFault[] UamFaults =
    [
        ScriptedFault.ServiceUnavailable(),
        ScriptedFault.GraphQLError(),
        ScriptedFault.GraphQLError(partialData: true),
        ScriptedFault.TruncatedBody(),
        ScriptedFault.ConnectionReset(),
    ];

    private static readonly ScriptedFault[] IntakeFaults = [ScriptedFault.ServiceUnavailable(), ScriptedFault.ConnectionReset()];

    public string Name => "faults";

    public async Task RunAsync(BenchContext context)
    {
        var profile = context.Profile;
        await MeasureAsync(context, "0ms", profile.FaultAlerts, TimeSpan.Zero, profile.UnboundedRequestsPerSecond, profile.MaxDrain);
        await MeasureAsync(context, "50ms", profile.RoundTripCollectorBacklog, TimeSpan.FromMilliseconds(50),
            profile.RoundTripRequestsPerSecond, profile.RoundTripCollectorWindow);
    }

    private static async Task MeasureAsync(BenchContext context, string point, int alerts, TimeSpan latency, double rps, TimeSpan window)
    {
        var clean = await Drains.CollectorAsync(context, "faults", $"{point} fault-free", alerts, latency, rps, window);
        var faulty = await Drains.CollectorAsync(context, "faults", $"{point} faulty", alerts, latency, rps, window, emulators =>
        {
            emulators.Uam.Faults.FailRandomly(FailureRatio, seed: 71, UamFaults);
            emulators.Intake.Faults.FailRandomly(FailureRatio, seed: 72, IntakeFaults);
        });
        context.Figures.Add(new Figure
        {
            Id = $"faults.{point}",
            Scenario = Title,
            Name = FormattableString.Invariant(
                $"alerts/s with {FailureRatio:P0} of requests failing on both sides, {latency.TotalMilliseconds:0} ms per UAM request, {rps:0} requests/s"),
            Measured = new Quantity("with faults", faulty.Drain.AlertsPerSecond, "alerts/s"),
            Baseline = new Quantity("fault-free", clean.Drain.AlertsPerSecond, "alerts/s"),
            Target = Target.RatioAtLeast(0.7),
            Note = FormattableString.Invariant(
                $"with faults: {Drains.Describe(faulty.Drain)}. Fault-free: {Drains.Describe(clean.Drain)}. Faults on UAM: 503, GraphQL errors with and without data, cut bodies, resets; on the intake: 503, resets before processing. The success ratio, {1 - FailureRatio:0.0}, is the ideal.")
                + (faulty.Drain.Completed ? "" : " The backlog outlasted the window: the rate is over what was acknowledged in it."),
        });
    }
}
