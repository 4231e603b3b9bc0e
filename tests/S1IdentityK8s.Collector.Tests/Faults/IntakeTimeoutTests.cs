using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Tests.Pipeline;
using S1IdentityK8s.Protos.Collector.V1;
using S1IdentityK8s.TestSupport.Emulators;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Faults;

/// <summary>
/// An intake that takes the connection and never answers, against the real collector binary: each push
/// times out once, is sent again once, nothing is lost, only the push the intake had ingested comes twice,
/// the checkpoint never passes an unacknowledged alert, and nothing is sent while the pushes hang.
/// </summary>
public sealed class IntakeTimeoutTests(ITestOutputHelper output)
{
    private const int ChunkSize = 100;

    /// <summary>The collector's timeout of one push attempt (<c>sekoia.requestTimeout</c>; 60s by default).</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Push_NeverAnswered_TimesOutRetriedOnceNothingLostDuplicatesOnlyWhatWasIngested()
    {
        await using var h = await PipelineHarness.StartAsync();
        h.Settings.PageSize = 100;
        h.Settings.MaxBatchEvents = ChunkSize;
        h.Settings.IntakeRequestTimeout = "5s";
        var now = DateTimeOffset.UtcNow;
        var alerts = FaultChecks.Generate(500, now.AddHours(-1), TimeSpan.FromMinutes(50), seed: 71);
        h.Uam.AddAlerts(alerts);
        // Both chunks the pipeline may have in flight hang: one unread, one ingested whose answer never comes.
        h.Intake.Faults.Enqueue(ScriptedFault.Hang(), ScriptedFault.Hang() with { AfterProcessing = true });

        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.Faults.InjectedCount == DeliveryPipeline.ChunksInFlight, PipelineHarness.Patience);
        await FaultChecks.AssertWatermarkBehindUndeliveredAsync(h, alerts);
        var acknowledgedWhileHanging = h.Intake.AcknowledgedEventCount;
        await h.Intake.WaitForAsync(() => h.Intake.CountsById(acknowledgedOnly: true).Count == alerts.Count, AttemptTimeout + PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        var requests = h.Intake.Requests.OrderBy(r => r.Number).ToList();
        var hung = requests.Where(r => r.Fault is { Kind: FaultKind.Stall }).ToList();
        var ingested = hung.Single(r => r.Fault!.AfterProcessing);
        // While the hung pushes hold both slots, no other push starts and neither is re-sent before its timeout.
        var stallStart = hung.Min(r => r.Elapsed);
        var duringStall = requests.Count(r => r.Elapsed >= stallStart && r.Elapsed < stallStart + AttemptTimeout - TimeSpan.FromSeconds(1));
        var firstAfter = requests.First(r => r.Fault is null && r.Elapsed > stallStart).Elapsed - stallStart;
        var duplicates = h.Intake.DuplicateCount(acknowledgedOnly: false);

        Assert.Equal(DeliveryPipeline.ChunksInFlight, hung.Count);
        Assert.All(hung, r => Assert.Equal(0, r.StatusCode));
        Assert.Equal(0, acknowledgedWhileHanging);
        Assert.Equal(hung.Count, duringStall);
        Assert.True(firstAfter >= AttemptTimeout, $"a push was sent {firstAfter.TotalSeconds:0.0}s into the stall, before the {AttemptTimeout.TotalSeconds:0}s timeout");
        FaultChecks.AssertNothingLost(h, alerts);
        // Only the push the intake ingested before hanging is sent again, whole: one chunk.
        Assert.Equal(ingested.AcceptedCount, duplicates);
        Assert.InRange(duplicates, 1, ChunkSize);
        Assert.Equal(0, h.Intake.DuplicateCount(acknowledgedOnly: true));
        // One timeout and one retry per hung push; every other request succeeded at once.
        Assert.Equal(hung.Count, await collector.MetricAsync("s1identity_request_retries_total", "target=\"sekoia\"", "reason=\"timeout\""));
        Assert.Equal(hung.Count, await collector.MetricAsync("s1identity_request_retries_total", "target=\"sekoia\""));
        Assert.Equal(hung.Count, requests.Count(r => !r.Succeeded));
        Assert.Equal(SubsystemState.Ok, (await collector.GetStatusAsync()).Sekoia.State);
        await FaultChecks.AssertWatermarkBehindUndeliveredAsync(h, alerts);
        output.WriteLine($"intake hang ×{hung.Count}: {duringStall} requests during the stall, first request after it at " +
            $"{firstAfter.TotalSeconds:0.0}s; {requests.Count} requests in all for {alerts.Count} alerts; lost 0, duplicates {duplicates} " +
            $"(the ingested push's {ingested.AcceptedCount})");
    }
}
