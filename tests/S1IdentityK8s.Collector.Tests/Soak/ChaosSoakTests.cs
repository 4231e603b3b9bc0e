using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Tests.Faults;
using S1IdentityK8s.Collector.Tests.Pipeline;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Soak;

/// <summary>
/// The chaos soak: a backlog drained by the real collector while it is SIGKILLed at random points, a tenth
/// of the requests on both sides fail with every transient fault, alerts are updated and late-indexed alerts
/// appear. Nothing may be lost, the checkpoint never passes an undelivered alert, and duplicates stay within
/// what the crashes and unacknowledged-but-processed pushes can cause. The seed replays a run.
/// </summary>
public sealed class ChaosSoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Backlog_KilledAtRandomUnderFaultsWithUpdatesAndLateAlerts_NothingLost()
    {
        var settings = SoakSettings.FromEnvironment();
        output.WriteLine($"chaos soak: {settings.Alerts:N0} alerts, {settings.Kills} SIGKILLs, {settings.FaultRatio:P0} of requests failing on both sides, " +
            $"seed {settings.Seed} (replay: {SoakSettings.SeedVariable}={settings.Seed} {SoakSettings.AlertsVariable}={settings.Alerts})");
        var random = new Random(settings.Seed);
        // The soak's own version of an alert: its status, which each update changes; no event body is kept.
        await using var h = await PipelineHarness.StartAsync(intakeOptions: o => o with { RecordEvents = false, EventVersion = StatusVersion });
        h.Settings.RetryInitialDelay = "200ms";
        h.Settings.RetryMaxDelay = "2s";
        var now = DateTimeOffset.UtcNow;
        h.Uam.AddGeneratedAlerts(settings.Alerts, now.AddHours(-2), now.AddMinutes(-3), settings.Seed);
        var backlog = h.Uam.AlertTimes();
        h.Uam.Faults.FailRandomly(settings.FaultRatio, settings.Seed + 1, TransientFaults.Uam);
        h.Intake.Faults.FailRandomly(settings.FaultRatio, settings.Seed + 2, TransientFaults.Intake);
        var clock = Stopwatch.StartNew();
        var chaos = new SoakChaos(h, random, backlog);

        var collector = await h.StartCollectorAsync();
        for (var kill = 1; kill <= settings.Kills; kill++)
        {
            // Each kill lands after a random number of SentinelOne requests since the last one: at a random point
            // of the pipeline (listing, details, pushes in flight), not right after an acknowledgement.
            var target = h.Uam.RequestCount + random.Next(Math.Max(1, RequestsPerKill(settings) / 4), Math.Max(2, RequestsPerKill(settings) * 7 / 4));
            await h.Uam.WaitForRequestsAsync(target, settings.Deadline);
            await collector.Process.KillAsync();
            await chaos.AssertCheckpointBehindUndeliveredAsync();
            chaos.UpdateSome(Math.Max(1, settings.Alerts / 500));
            chaos.AddLateIndexed(Math.Max(1, settings.Alerts / 1_000));
            collector = await h.StartCollectorAsync();
        }

        try
        {
            await h.Intake.WaitForAsync(chaos.AllDelivered, settings.Deadline);
        }
        catch (TimeoutException)
        {
            output.WriteLine(chaos.DescribeMissing());
            output.WriteLine(string.Join('\n', collector.Process.Output.TakeLast(40)));
            throw;
        }
        var drained = clock.Elapsed;
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        var expected = chaos.ExpectedVersions();
        var received = h.Intake.CountsByVersion();
        var lost = expected.Count(k => !received.ContainsKey(k));
        var duplicates = h.Intake.DuplicateCount(acknowledgedOnly: false);
        var processedUnacknowledged = h.Intake.Faults.InjectedCount; // an upper bound on pushes ingested without an answer
        var bound = (settings.Kills * DeliveryPipeline.ChunksInFlight * h.Settings.MaxBatchEvents) + (processedUnacknowledged * h.Settings.MaxBatchEvents);
        output.WriteLine($"drained in {drained.TotalSeconds:0.0} s: {expected.Count:N0} alert versions expected, lost {lost}, " +
            $"duplicates {duplicates:N0} ({(double)duplicates / expected.Count:P3}; target ≤ 0.1 %, bound {bound:N0}), " +
            $"requests per alert {(double)(h.Uam.RequestCount + h.Intake.RequestCount) / expected.Count:0.000} " +
            $"(UAM {h.Uam.RequestCount:N0}, {h.Uam.Faults.InjectedCount:N0} faulted; intake {h.Intake.RequestCount:N0}, {h.Intake.Faults.InjectedCount:N0} faulted), " +
            $"{chaos.Updated} updates, {chaos.LateIndexed} late-indexed alerts");

        Assert.Equal(0, lost);
        Assert.InRange(duplicates, 0, bound);
    }

    // A drain makes about one list request per 500 alerts and one detail request per 50.
    private static int RequestsPerKill(SoakSettings settings) => (int)(settings.Alerts * 0.022 / (settings.Kills + 1));

    // Without recorded events the intake hands over no parsed node; the raw event is read for its status only.
    private static string StatusVersion(JsonNode? json, string raw)
    {
        using var document = JsonDocument.Parse(raw);
        return document.RootElement.TryGetProperty("status", out var status) ? status.GetString() ?? "" : "";
    }
}
