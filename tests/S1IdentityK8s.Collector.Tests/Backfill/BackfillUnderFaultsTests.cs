using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using S1IdentityK8s.Collector.Tests.Api;
using S1IdentityK8s.Collector.Tests.Faults;
using S1IdentityK8s.Collector.Tests.Pipeline;
using S1IdentityK8s.Protos.Collector.V1;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Backfill;

/// <summary>
/// A backfill started over gRPC on the real collector binary while live collection runs and a share of UAM
/// and intake requests fail transiently: it completes, re-sends every alert of its range once, duplicates
/// only what the intake ingested without acknowledging, and leaves the live watermark to live collection.
/// </summary>
public sealed class BackfillUnderFaultsTests(ITestOutputHelper output)
{
    private const int PageSize = 10;
    private const double FailureRatio = 0.2;

    [Fact]
    public async Task StartBackfill_TransientFaultsBothSides_CompletesEveryAlertOnceLiveWatermarkUntouched()
    {
        await using var h = await PipelineHarness.StartAsync();
        h.Settings.PageSize = PageSize;
        h.Settings.MaxBatchEvents = PageSize;
        h.Settings.RetryMaxAttempts = 4;
        h.Settings.RetryInitialDelay = "100ms";
        h.Settings.RetryMaxDelay = "400ms";
        h.Settings.RequestTimeout = "2s";
        var window = AlertWindow.Create(145, seed: 91);
        h.Uam.AddAlerts(window.Alerts);
        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForAlertsAsync(window.All, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);
        var liveBefore = (await collector.GetStatusAsync()).Checkpoint.DetectedWatermark.ToDateTimeOffset();
        var firstFaulty = h.Intake.RequestCount;

        h.Uam.Faults.FailRandomly(FailureRatio, seed: 91, TransientFaults.Uam);
        h.Intake.Faults.FailRandomly(FailureRatio, seed: 92, TransientFaults.Intake);
        using var stopWatching = new CancellationTokenSource();
        var watermarks = WatchLiveWatermarksAsync(collector, stopWatching.Token);
        var started = await collector.Client.StartBackfillAsync(BackfillDeliveryTests.Request("under-faults", window), RunningCollector.Auth);
        var fresh = ApiHost.RecentAlerts(5, seed: 93);
        h.Uam.AddAlerts(fresh);
        var seen = new List<Protos.Collector.V1.Backfill>();
        using (var watch = collector.Client.WatchBackfill(new WatchBackfillRequest { Name = "under-faults" }, RunningCollector.Auth))
        {
            await watch.ResponseStream.ReadUntilAsync(b => b.Phase is not (BackfillPhase.Running or BackfillPhase.Pending), PipelineHarness.Patience, seen.Add);
        }
        var freshIds = fresh.Select(a => a["id"]!.GetValue<string>()).ToList();
        await h.Intake.WaitForAlertsAsync(freshIds, PipelineHarness.Patience);
        var faulty = h.Intake.Requests.Where(r => r.Number > firstFaulty).ToList();
        var uamFaults = h.Uam.Faults.InjectedCount;
        h.Uam.Faults.Clear();
        h.Intake.Faults.Clear();
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);
        await stopWatching.CancelAsync();
        var liveWatermarks = await watermarks;
        var done = await collector.Client.GetBackfillAsync(new GetBackfillRequest { Name = "under-faults" }, RunningCollector.Auth);
        var status = await collector.GetStatusAsync();

        Assert.Equal(BackfillPhase.Succeeded, done.Phase);
        Assert.Equal((145L, 0L, 1.0), (done.AlertsSent, done.AlertsDeadLettered, done.Progress));
        var progress = seen.Select(b => b.Progress).ToList();
        Assert.Equal(progress.Order(), progress);
        // The faults were there: requests failed on both sides while the backfill ran.
        Assert.True(uamFaults > 0 && faulty.Any(r => r.Fault is not null), $"UAM faults {uamFaults}, intake faults {faulty.Count(r => r.Fault is not null)}");
        // Every alert of [from, to) acknowledged twice (live, then the backfill), the others once: nothing lost.
        Assert.All(AlertWindow.Counts(h.Intake, window.Inside), c => Assert.Equal(2, c.Value));
        Assert.All(AlertWindow.Counts(h.Intake, window.Outside), c => Assert.Equal(1, c.Value));
        Assert.All(AlertWindow.Counts(h.Intake, freshIds), c => Assert.Equal(1, c.Value));
        // Beyond that, only a push the intake ingested and then dropped may come again, a chunk at most each.
        var expected = window.Inside.Count * 2 + window.Outside.Count + fresh.Count;
        var extra = h.Intake.CountsById().Values.Sum() - expected;
        var processedThenDropped = faulty.Count(r => r.Fault is { AfterProcessing: true });
        Assert.InRange(extra, 0, processedThenDropped * PageSize);
        // The live watermark is live collection's alone: never inside the backfill's range, never back before it.
        Assert.NotEmpty(liveWatermarks);
        Assert.All(liveWatermarks, w => Assert.True(w >= liveBefore, $"live watermark {w:O} went back before {liveBefore:O}"));
        Assert.True(status.Checkpoint.DetectedWatermark.ToDateTimeOffset() > fresh.Max(a => DateTimeOffset.Parse(a["detectedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(window.Alerts.Count + fresh.Count, status.AlertsForwardedTotal);
        output.WriteLine($"backfill of {window.Inside.Count} alerts under {FailureRatio:P0} faults: {started.Phase} → {done.Phase} in {done.Pages} pages " +
            $"({done.AlertsFetched} fetched, {done.AlertsSent} sent); {uamFaults} UAM faults, {faulty.Count(r => r.Fault is not null)} of {faulty.Count} " +
            $"intake requests faulted ({processedThenDropped} processed then dropped); extra copies {extra} (bound {processedThenDropped * PageSize}); " +
            $"{liveWatermarks.Count} live watermarks seen, lowest {liveWatermarks.Min():O} (before: {liveBefore:O})");
    }

    // Every live watermark WatchStatus shows until stopped.
    private static async Task<List<DateTimeOffset>> WatchLiveWatermarksAsync(RunningCollector collector, CancellationToken stop)
    {
        var watermarks = new List<DateTimeOffset>();
        using var watch = collector.Client.WatchStatus(new WatchStatusRequest { HeartbeatInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) },
            RunningCollector.Auth, cancellationToken: stop);
        try
        {
            while (await watch.ResponseStream.MoveNext(stop))
            {
                if (watch.ResponseStream.Current.Checkpoint?.DetectedWatermark is { } watermark)
                {
                    watermarks.Add(watermark.ToDateTimeOffset());
                }
            }
        }
        catch (RpcException) when (stop.IsCancellationRequested)
        {
            // Stopped (as Cancelled, or as Unavailable when the stop races a message being read).
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        return watermarks;
    }
}
