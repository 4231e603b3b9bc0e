using S1IdentityK8s.Collector.Tests.Pipeline;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Faults;

/// <summary>
/// A fifth of the requests failing on both sides, as a flaky SentinelOne and a flaky intake would: the
/// drain must keep going to the end, with the default retry settings. Its pace against a fault-free drain is
/// printed, not asserted (a timed unit test proves nothing on a loaded machine): <c>make bench BENCH_ARGS="--only faults"</c>
/// measures it on larger backlogs, against a fault-free drain in the same run.
/// </summary>
public sealed class IntermittentFaultsTests(ITestOutputHelper output)
{
    private const int AlertCount = 2_000;
    private const double FailureRatio = 0.2;

    [Fact]
    public async Task FifthOfRequestsFailingOnBothSides_DrainCompletes()
    {
        var clean = await DrainAsync(faulty: false);
        var faulty = await DrainAsync(faulty: true);

        output.WriteLine($"{AlertCount:N0} alerts, fault-free: {clean.Seconds:0.0} s ({AlertCount / clean.Seconds:0} alerts/s); " +
            $"with {FailureRatio:P0} of requests failing on both sides: {faulty.Seconds:0.0} s ({AlertCount / faulty.Seconds:0} alerts/s, " +
            $"{clean.Seconds / faulty.Seconds:P0} of the fault-free rate; the success ratio is {1 - FailureRatio:P0}); " +
            $"UAM requests {faulty.UamRequests} ({faulty.UamFailed} failed), intake requests {faulty.IntakeRequests} ({faulty.IntakeFailed} failed), " +
            $"cycle failures {faulty.CycleFailures}, duplicates {faulty.Duplicates}");
    }

    private static async Task<Drain> DrainAsync(bool faulty)
    {
        await using var h = await PipelineHarness.StartAsync();
        h.Settings.PageSize = 100;
        h.Settings.MaxBatchEvents = 100;
        var now = DateTimeOffset.UtcNow;
        var alerts = FaultChecks.Generate(AlertCount, now.AddHours(-2), TimeSpan.FromMinutes(110), seed: 61);
        h.Uam.AddAlerts(alerts);
        if (faulty)
        {
            h.Uam.Faults.FailRandomly(FailureRatio, seed: 61, TransientFaults.Uam);
            h.Intake.Faults.FailRandomly(FailureRatio, seed: 62, TransientFaults.Intake);
        }

        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById(acknowledgedOnly: true).Count == alerts.Count, TimeSpan.FromMinutes(5));
        var seconds = (h.Intake.Requests.Where(r => r.Succeeded).Max(r => r.ReceivedAt) - h.Uam.Requests[0].ReceivedAt).TotalSeconds;
        await FaultChecks.AssertWatermarkBehindUndeliveredAsync(h, alerts);

        FaultChecks.AssertNothingLost(h, alerts);
        Assert.Equal(alerts.Count, h.Intake.CountsById(acknowledgedOnly: true).Count);
        var duplicates = h.Intake.DuplicateCount(acknowledgedOnly: false);
        var processedUnacknowledged = h.Intake.Requests.Count(r => r.Fault is { AfterProcessing: true });
        // Only a request the intake ingested without acknowledging it is sent twice: a chunk at most each.
        Assert.InRange(duplicates, 0, processedUnacknowledged * h.Settings.MaxBatchEvents);
        return new Drain(seconds, h.Uam.RequestCount, h.Uam.Requests.Count(r => r.Fault is not null),
            h.Intake.RequestCount, h.Intake.Requests.Count(r => r.Fault is not null),
            await collector.MetricAsync("s1identity_collection_cycle_failures_total"), duplicates);
    }

    private sealed record Drain(double Seconds, int UamRequests, int UamFailed, int IntakeRequests, int IntakeFailed, double CycleFailures, int Duplicates);
}
