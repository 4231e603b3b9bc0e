using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using S1IdentityK8s.Protos.Collector.V1;
using ProtoSubsystemState = S1IdentityK8s.Protos.Collector.V1.SubsystemState;

namespace S1IdentityK8s.Collector.Tests.Api;

/// <summary>GetStatus and WatchStatus over the real host.</summary>
public sealed class StatusTests
{
    [Fact]
    public async Task GetStatus_AfterDelivery_ReportsCheckpointTotalsAndSubsystems()
    {
        await using var host = await ApiHost.StartAsync();
        var alerts = ApiHost.RecentAlerts(20, seed: 11);
        host.Uam.AddAlerts(alerts);
        await host.Intake.WaitForAlertsAsync(alerts.Select(a => a["id"]!.GetValue<string>()), ApiHost.Patience);
        using var watch = host.Client.WatchStatus(new WatchStatusRequest(), ApiHost.Auth);
        // Forwarded totals are committed per acknowledged chunk, the watermark when the page is done: wait for both.
        await watch.ResponseStream.ReadUntilAsync(s => s.AlertsForwardedTotal >= 20 && s.LagSeconds < 30, ApiHost.Patience);

        var status = await host.Client.GetStatusAsync(new GetStatusRequest(), ApiHost.Auth);

        Assert.Equal(("tests", "api"), (status.IntakeNamespace, status.IntakeName));
        Assert.False(string.IsNullOrEmpty(status.Version));
        Assert.Equal(20, status.AlertsForwardedTotal);
        Assert.True(status.AlertsFetchedTotal >= 20, $"fetched {status.AlertsFetchedTotal}");
        Assert.Equal(0, status.AlertsDeadLetteredTotal);
        Assert.NotNull(status.Checkpoint.DetectedWatermark);
        Assert.NotNull(status.Checkpoint.CommittedTime);
        Assert.InRange(status.LagSeconds, 0, 30);
        Assert.Equal(("sentinelone", ProtoSubsystemState.Ok, true), (status.Sentinelone.Name, status.Sentinelone.State, status.Sentinelone.CredentialsValid));
        Assert.Equal(("sekoia", ProtoSubsystemState.Ok, true), (status.Sekoia.Name, status.Sekoia.State, status.Sekoia.CredentialsValid));
        Assert.Null(status.RateLimitBackoffUntil);
        Assert.False(status.Suspended);
        Assert.Empty(status.ActiveBackfills);
        Assert.Equal("", status.LastCycleError);
    }

    [Fact]
    public async Task WatchStatus_CheckpointAdvances_PushesEachCommitWithoutWaitingForHeartbeat()
    {
        await using var host = await ApiHost.StartAsync();
        var commits = new List<Timestamp>();

        // A 5-minute heartbeat: every message after the first must have been pushed by a change.
        using var watch = host.Client.WatchStatus(new WatchStatusRequest { HeartbeatInterval = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)) }, ApiHost.Auth);
        await watch.ResponseStream.ReadUntilAsync(_ => commits.Count >= 3, ApiHost.Patience, s =>
        {
            if (s.Checkpoint.CommittedTime is { } committed && (commits.Count == 0 || committed > commits[^1]))
            {
                commits.Add(committed);
            }
        });
        var alerts = ApiHost.RecentAlerts(5, seed: 12);
        host.Uam.AddAlerts(alerts);
        var newest = alerts.Max(a => DateTimeOffset.Parse(a["detectedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture));

        // The totals move per acknowledged chunk, the watermark once the page is done: the stream shows both.
        var delivered = await watch.ResponseStream.ReadUntilAsync(
            s => s.AlertsForwardedTotal == 5 && s.Checkpoint.DetectedWatermark.ToDateTimeOffset() > newest, ApiHost.Patience);

        Assert.Equal(5, delivered.AlertsForwardedTotal);
    }

    [Fact]
    public async Task WatchStatus_SuspendedCollector_HeartbeatsAtRequestedInterval()
    {
        await using var host = await ApiHost.StartAsync(new ApiHostSettings { Suspend = true });
        var arrivals = new List<DateTimeOffset>();

        using var watch = host.Client.WatchStatus(new WatchStatusRequest { HeartbeatInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) }, ApiHost.Auth);
        var last = await watch.ResponseStream.ReadUntilAsync(s => s.Suspended && arrivals.Count >= 4, ApiHost.Patience, _ => arrivals.Add(DateTimeOffset.UtcNow));

        // Nothing changes while suspended: the messages after the first are heartbeats, never sooner than the
        // interval asked for; the upper bound only catches a heartbeat that is not paced by the interval at all
        // (a loaded 2-core machine may delay one by seconds).
        var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => b - a).Skip(1).ToList();
        Assert.All(gaps, gap => Assert.InRange(gap, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(15)));
        Assert.Equal(0, last.AlertsFetchedTotal);
    }
}
