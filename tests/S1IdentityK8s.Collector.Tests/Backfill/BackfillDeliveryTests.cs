using Google.Protobuf.WellKnownTypes;
using S1IdentityK8s.Collector.Tests.Api;
using S1IdentityK8s.Protos.Collector.V1;

namespace S1IdentityK8s.Collector.Tests.Backfill;

/// <summary>
/// Backfills over a window live collection already delivered, checked at the intake emulator: exactly the
/// window is sent again, once, beside live collection, with accurate progress; dry runs send nothing;
/// cancel stops sending.
/// </summary>
public sealed class BackfillDeliveryTests
{
    private const int PageSize = 10;
    private static readonly TimeSpan SlowIntake = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task StartBackfill_WindowAlreadyDelivered_ResendsExactlyThatWindowWhileLiveContinues()
    {
        var window = AlertWindow.Create(145, seed: 21);
        await using var host = await window.StartDeliveredAsync(new ApiHostSettings { PageSize = PageSize });
        host.Intake.Faults.Latency = SlowIntake;
        var seen = new List<Protos.Collector.V1.Backfill>();

        await host.Client.StartBackfillAsync(Request("replay", window), ApiHost.Auth);
        using var watch = host.Client.WatchBackfill(new WatchBackfillRequest { Name = "replay" }, ApiHost.Auth);
        await watch.ResponseStream.ReadUntilAsync(b => b.Pages >= 1, ApiHost.Patience, seen.Add);
        var fresh = ApiHost.RecentAlerts(3, seed: 22);
        host.Uam.AddAlerts(fresh);
        await host.Intake.WaitForAlertsAsync(fresh.Select(a => a["id"]!.GetValue<string>()), ApiHost.Patience);
        var liveDeliveredAt = DateTimeOffset.UtcNow;
        var done = await watch.ResponseStream.ReadUntilAsync(b => b.Phase != BackfillPhase.Running, ApiHost.Patience, seen.Add);
        var status = await host.Client.GetStatusAsync(new GetStatusRequest(), ApiHost.Auth);

        Assert.Equal(BackfillPhase.Succeeded, done.Phase);
        Assert.Equal((15L, 145L, 145L, 0L, 1.0), (done.Pages, done.AlertsFetched, done.AlertsSent, done.AlertsDeadLettered, done.Progress));
        Assert.True(liveDeliveredAt < done.FinishTime.ToDateTimeOffset(), "live collection delivered new alerts only after the backfill finished");
        Assert.All(AlertWindow.Counts(host.Intake, window.Inside), c => Assert.Equal(2, c.Value));
        Assert.All(AlertWindow.Counts(host.Intake, window.Outside), c => Assert.Equal(1, c.Value));
        var progress = seen.Select(b => b.Progress).ToList();
        Assert.Equal(progress.Order(), progress);
        Assert.Contains(progress, p => p is > 0 and < 1);
        // The backfill never touches the live checkpoint: its totals count live deliveries only.
        Assert.Equal(window.Alerts.Count + fresh.Count, status.AlertsForwardedTotal);
    }

    [Fact]
    public async Task StartBackfill_DryRun_CountsPagesAndAlertsWithoutSending()
    {
        var window = AlertWindow.Create(45, seed: 31);
        await using var host = await window.StartDeliveredAsync(new ApiHostSettings { PageSize = PageSize });
        var before = host.Intake.EventCount;

        await host.Client.StartBackfillAsync(Request("count-only", window, dryRun: true), ApiHost.Auth);
        using var watch = host.Client.WatchBackfill(new WatchBackfillRequest { Name = "count-only" }, ApiHost.Auth);
        var done = (await watch.ResponseStream.ReadToEndAsync(ApiHost.Patience))[^1];

        Assert.Equal(BackfillPhase.Succeeded, done.Phase);
        Assert.Equal((5L, 45L, 0L, 1.0), (done.Pages, done.AlertsFetched, done.AlertsSent, done.Progress));
        Assert.Equal(before, host.Intake.EventCount);
    }

    [Fact]
    public async Task CancelBackfill_Running_StopsAfterInFlightPageAndSendsNothingMore()
    {
        var window = AlertWindow.Create(145, seed: 41);
        await using var host = await window.StartDeliveredAsync(new ApiHostSettings { PageSize = PageSize });
        host.Intake.Faults.Latency = SlowIntake;

        await host.Client.StartBackfillAsync(Request("stop-me", window), ApiHost.Auth);
        using var watch = host.Client.WatchBackfill(new WatchBackfillRequest { Name = "stop-me" }, ApiHost.Auth);
        await watch.ResponseStream.ReadUntilAsync(b => b.Pages >= 2, ApiHost.Patience);
        await host.Client.CancelBackfillAsync(new CancelBackfillRequest { Name = "stop-me" }, ApiHost.Auth);
        var cancelled = await watch.ResponseStream.ReadUntilAsync(b => b.Phase != BackfillPhase.Running, ApiHost.Patience);
        var resentAtCancel = AlertWindow.Counts(host.Intake, window.Inside).Values.Sum(c => c - 1);
        await WaitForLiveCyclesAsync(host, 2);
        var again = await host.Client.CancelBackfillAsync(new CancelBackfillRequest { Name = "stop-me" }, ApiHost.Auth);

        Assert.Equal(BackfillPhase.Cancelled, cancelled.Phase);
        Assert.NotNull(cancelled.FinishTime);
        Assert.InRange(cancelled.AlertsSent, 20, 144);
        Assert.Equal(cancelled.AlertsSent, resentAtCancel);
        Assert.Equal(resentAtCancel, AlertWindow.Counts(host.Intake, window.Inside).Values.Sum(c => c - 1));
        Assert.Equal((BackfillPhase.Cancelled, cancelled.Pages), (again.Phase, again.Pages));
    }

    [Fact]
    public async Task StartBackfill_CollectorSuspended_PausesUntilResumed()
    {
        var window = AlertWindow.Create(15, seed: 45);
        await using var host = await window.StartDeliveredAsync(new ApiHostSettings { PageSize = PageSize });
        await host.WriteConfigAsync(host.Settings with { Suspend = true });
        using (var status = host.Client.WatchStatus(new WatchStatusRequest(), ApiHost.Auth))
        {
            await status.ResponseStream.ReadUntilAsync(s => s.Suspended, ApiHost.Patience);
        }
        var before = host.Intake.EventCount;

        await host.Client.StartBackfillAsync(Request("after-pause", window), ApiHost.Auth);
        using var watch = host.Client.WatchBackfill(new WatchBackfillRequest { Name = "after-pause" }, ApiHost.Auth);
        var paused = await watch.ResponseStream.ReadUntilAsync(b => b.Message.StartsWith("paused", StringComparison.Ordinal), ApiHost.Patience);
        var sentWhilePaused = host.Intake.EventCount - before;
        await host.WriteConfigAsync(host.Settings with { Suspend = false });
        var done = await watch.ResponseStream.ReadUntilAsync(b => b.Phase != BackfillPhase.Running, ApiHost.Patience);

        Assert.Equal((0L, 0), (paused.Pages, sentWhilePaused));
        Assert.Equal((BackfillPhase.Succeeded, 15L), (done.Phase, done.AlertsSent));
    }

    internal static StartBackfillRequest Request(string name, AlertWindow window, bool dryRun = false) => new()
    {
        Name = name,
        From = Timestamp.FromDateTimeOffset(window.From),
        To = Timestamp.FromDateTimeOffset(window.To),
        DryRun = dryRun,
    };

    // Live cycles commit the checkpoint even when idle: two more commits mean time enough for a stray send to show.
    internal static async Task WaitForLiveCyclesAsync(ApiHost host, int cycles)
    {
        using var status = host.Client.WatchStatus(new WatchStatusRequest(), ApiHost.Auth);
        Timestamp? first = null;
        await status.ResponseStream.ReadUntilAsync(s =>
        {
            first ??= s.Checkpoint.CommittedTime;
            return s.Checkpoint.DetectedWatermark.ToDateTimeOffset() > first.ToDateTimeOffset().AddSeconds(cycles - 0.5);
        }, ApiHost.Patience);
    }
}
