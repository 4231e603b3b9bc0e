using Google.Protobuf.WellKnownTypes;
using S1IdentityK8s.Collector.Tests.Api;
using S1IdentityK8s.Protos.Collector.V1;

namespace S1IdentityK8s.Collector.Tests.Backfill;

/// <summary>Declarative backfills (config <c>backfills[]</c>): run at startup and on config edits, once per name.</summary>
public sealed class DeclaredBackfillTests
{
    [Fact]
    public async Task ConfigBackfills_AtStartupThenAddedByEdit_EachRunsOnce()
    {
        var first = AlertWindow.Create(20, seed: 61, hoursAgo: 2.5);
        var second = AlertWindow.Create(20, seed: 63, hoursAgo: 1.5);
        var settings = new ApiHostSettings { Backfills = [("cfg-first", first.From, first.To)] };
        await using var host = await ApiHost.StartAsync(settings, [.. first.Alerts, .. second.Alerts]);

        // Live collection sends each alert once; the declared backfill once more.
        await host.Intake.WaitForAsync(() => AlertWindow.Counts(host.Intake, first.Inside).Values.All(c => c == 2), ApiHost.Patience);
        var firstDone = await FinalAsync(host, "cfg-first");
        await host.WriteConfigAsync(settings with { Backfills = [.. settings.Backfills, ("cfg-second", second.From, second.To)] });
        await host.Intake.WaitForAsync(() => AlertWindow.Counts(host.Intake, second.Inside).Values.All(c => c == 2), ApiHost.Patience);
        var secondDone = await FinalAsync(host, "cfg-second");

        Assert.Equal((BackfillPhase.Succeeded, "config", 20L), (firstDone.Phase, firstDone.Source, firstDone.AlertsSent));
        Assert.Equal((BackfillPhase.Succeeded, "config", 20L), (secondDone.Phase, secondDone.Source, secondDone.AlertsSent));
        // The reload kept cfg-first as it was: not run a second time.
        Assert.All(AlertWindow.Counts(host.Intake, first.Inside), c => Assert.Equal(2, c.Value));
        Assert.All(AlertWindow.Counts(host.Intake, [.. first.Outside, .. second.Outside]), c => Assert.Equal(1, c.Value));
    }

    [Fact]
    public async Task ConfigBackfill_KnownNameWindowChanged_NotRestartedAndReportedInItsMessage()
    {
        var window = AlertWindow.Create(5, seed: 71);
        var settings = new ApiHostSettings { Backfills = [("cfg-fixed", window.From, window.To)] };
        await using var host = await ApiHost.StartAsync(settings, window.Alerts);
        var done = await FinalAsync(host, "cfg-fixed");

        await host.WriteConfigAsync(settings with { Backfills = [("cfg-fixed", window.From.AddMinutes(-5), window.To)] });
        var reported = await WhenAsync(host, b => b.Message.Contains("not restarted", StringComparison.Ordinal), "cfg-fixed");

        Assert.Equal(BackfillPhase.Succeeded, done.Phase);
        Assert.Equal((BackfillPhase.Succeeded, done.Pages, done.FinishTime), (reported.Phase, reported.Pages, reported.FinishTime));
        Assert.Contains("the config declares [", reported.Message, StringComparison.Ordinal);
    }

    private static async Task<Protos.Collector.V1.Backfill> FinalAsync(ApiHost host, string name)
    {
        using var watch = host.Client.WatchBackfill(new WatchBackfillRequest { Name = name }, ApiHost.Auth);
        return (await watch.ResponseStream.ReadToEndAsync(ApiHost.Patience))[^1];
    }

    // A final backfill's Watch ends at once, so the status stream's 1s heartbeat paces the re-checks.
    private static async Task<Protos.Collector.V1.Backfill> WhenAsync(ApiHost host, Func<Protos.Collector.V1.Backfill, bool> condition, string name)
    {
        using var clock = host.Client.WatchStatus(new WatchStatusRequest { HeartbeatInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) }, ApiHost.Auth);
        using var deadline = new CancellationTokenSource(ApiHost.Patience);
        while (await clock.ResponseStream.MoveNext(deadline.Token))
        {
            var backfill = await host.Client.GetBackfillAsync(new GetBackfillRequest { Name = name }, ApiHost.Auth);
            if (condition(backfill))
            {
                return backfill;
            }
        }
        throw new TimeoutException($"backfill {name} never met the condition");
    }
}
