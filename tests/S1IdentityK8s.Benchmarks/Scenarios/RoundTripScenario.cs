using S1IdentityK8s.Benchmarks.Harness;
using S1IdentityK8s.Benchmarks.Patterns;
using S1IdentityK8s.Benchmarks.Reporting;

namespace S1IdentityK8s.Benchmarks.Scenarios;

/// <summary>
/// Round-trip bound: at each injected UAM latency, the collector (defaults but a 25 requests/s budget) against
/// the reference pattern under the same budget; the target (≥ 50×) is the issue's, at 50 ms.
/// </summary>
public sealed class RoundTripScenario : IScenario
{
    private const string Title = "Round-trip bound";
    private const int TargetLatencyMs = 50;

    public string Name => "round-trip";

    public async Task RunAsync(BenchContext context)
    {
        var profile = context.Profile;
        var rps = profile.RoundTripRequestsPerSecond;
        foreach (var ms in profile.RoundTripLatenciesMs)
        {
            var latency = TimeSpan.FromMilliseconds(ms);
            var collector = await Drains.CollectorAsync(context, Name, $"{ms}ms", profile.RoundTripCollectorBacklog, latency, rps, profile.RoundTripCollectorWindow);
            var reference = await Drains.PatternAsync(context, Name, $"{ms}ms", PatternKind.Reference,
                profile.RoundTripReferenceAlerts[ms], latency, rps, profile.MaxDrain);
            context.RoundTrip.Add(new RoundTripPoint(ms, collector.Drain.AlertsPerSecond, reference.AlertsPerSecond));
            context.Figures.Add(new Figure
            {
                Id = $"round-trip.{ms}ms",
                Scenario = Title,
                Name = FormattableString.Invariant($"alerts/s at {ms} ms per UAM request, {rps:0} requests/s"),
                Measured = new Quantity("collector", collector.Drain.AlertsPerSecond, "alerts/s"),
                Baseline = new Quantity("reference pattern", reference.AlertsPerSecond, "alerts/s"),
                Target = ms == TargetLatencyMs ? Target.RatioAtLeast(50) : null,
                Note = Note(ms, rps, collector.Drain, reference),
            });
        }
    }

    private static string Note(int ms, double rps, DrainResult collector, DrainResult reference)
    {
        var collectorBound = BudgetBound(rps, 500, 50);
        // The reference waits for each answer: one request per round trip at best.
        var referenceBound = Math.Min(BudgetBound(rps, 100, 1), 1000.0 / ms * 100 / 101);
        return FormattableString.Invariant(
            $"collector: {Drains.Describe(collector)}. Reference: {Drains.Describe(reference)}. Bounds at {rps:0} requests/s: the collector's budget allows {collectorBound:#,0} alerts/s (11 requests per page of 500), the reference's {referenceBound:0.0} (budget, and one request per {ms} ms round trip); the ratio of the two bounds is {collectorBound / referenceBound:0}×.")
            + (ms == TargetLatencyMs ? "" : " The issue's ≥ 50× target is set at 50 ms; this latency is reported for the curve.");
    }

    // Alerts/s a pattern can reach when requests are the only limit: a page of `page` alerts costs one list
    // request plus page / batch detail requests.
    private static double BudgetBound(double rps, int page, int batch) => rps * page / (1 + Math.Ceiling(page / (double)batch));
}
