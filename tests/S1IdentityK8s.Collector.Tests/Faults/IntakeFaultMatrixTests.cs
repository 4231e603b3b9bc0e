using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Tests.Api;
using S1IdentityK8s.Collector.Tests.Pipeline;
using S1IdentityK8s.Protos.Collector.V1;
using S1IdentityK8s.TestSupport.Emulators;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Faults;

/// <summary>
/// The intake faults beyond 429/503 bursts, against the real collector binary: acknowledgements lost after
/// processing, resets, a sustained outage, a refused key (whatever 4xx it comes as) and refused content.
/// </summary>
public sealed class IntakeFaultMatrixTests(ITestOutputHelper output)
{
    private const int ChunkSize = 100;

    /// <summary>Fault name → (the fault, made when the test starts; whether the intake ingests the request first).</summary>
    private static readonly Dictionary<string, (Func<ScriptedFault> Fault, bool Processed)> Transient = new()
    {
        ["503"] = (() => ScriptedFault.ServiceUnavailable(), false),
        ["connection reset"] = (ScriptedFault.ConnectionReset, false),
        ["processed, then the connection dropped"] = (() => ScriptedFault.ConnectionReset() with { AfterProcessing = true }, true),
        ["processed, then 500"] = (() => ScriptedFault.FailAfterProcessing(500), true),
        ["429 with an HTTP-date Retry-After"] = (() => ScriptedFault.ServiceUnavailableUntil(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1)) with
        {
            StatusCode = 429,
        }, false),
    };

    public static TheoryData<string> TransientFaults => new(Transient.Keys);

    [Theory]
    [MemberData(nameof(TransientFaults))]
    public async Task TransientFault_Retried_NothingLostDuplicatesWithinTheBound(string name)
    {
        var (makeFault, processed) = Transient[name];
        var fault = makeFault();
        const int injected = 3;
        await using var h = await StartAsync();
        var now = DateTimeOffset.UtcNow;
        var alerts = FaultChecks.Generate(500, now.AddHours(-1), TimeSpan.FromMinutes(50), seed: 51);
        h.Uam.AddAlerts(alerts);
        h.Intake.Faults.Enqueue(fault, injected);

        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById(acknowledgedOnly: true).Count == alerts.Count, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        FaultChecks.AssertNothingLost(h, alerts);
        var duplicates = h.Intake.DuplicateCount(acknowledgedOnly: false);
        // A request the intake processed but could not acknowledge is sent again, whole: at most a chunk each.
        Assert.InRange(duplicates, 0, processed ? injected * ChunkSize : 0);
        Assert.Equal(0, h.Intake.DuplicateCount(acknowledgedOnly: true));
        Assert.Equal(injected, h.Intake.Requests.Count(r => r.Fault is not null));
        Assert.Equal(injected, await collector.MetricAsync("s1identity_request_retries_total", "target=\"sekoia\""));
        Assert.Equal(0, await collector.MetricAsync("s1identity_alerts_dead_lettered_total"));
        Assert.Equal(SubsystemState.Ok, (await collector.GetStatusAsync()).Sekoia.State);
        await FaultChecks.AssertWatermarkBehindUndeliveredAsync(h, alerts);
        output.WriteLine($"intake {name} ×{injected}: {alerts.Count} alerts, lost 0, duplicates {duplicates}, intake requests {h.Intake.RequestCount}");
    }

    [Fact]
    public async Task Outage_Sustained_EveryRequestFollowsARetryThenAllDelivered()
    {
        await using var h = await StartAsync();
        var now = DateTimeOffset.UtcNow;
        var alerts = FaultChecks.Generate(300, now.AddHours(-1), TimeSpan.FromMinutes(50), seed: 52);
        h.Uam.AddAlerts(alerts);
        h.Intake.Faults.FailRandomly(1.0, seed: 52, ScriptedFault.ServiceUnavailable());

        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForRequestsAsync(2 * DeliveryPipeline.ChunksInFlight + 2, PipelineHarness.Patience);
        // The state is the last call's: a concurrent chunk's split request may have just answered, so read it
        // again after each next request until a hold shows (it must, while the key is refused).
        var during = await collector.GetStatusAsync();
        for (var reads = 1; during.Sekoia.State != SubsystemState.Failing && reads < 20; reads++)
        {
            await h.Intake.WaitForRequestsAsync(h.Intake.RequestCount + 1, PipelineHarness.Patience);
            during = await collector.GetStatusAsync();
        }

        await FaultChecks.AssertWatermarkBehindUndeliveredAsync(h, alerts);
        var acknowledgedDuring = h.Intake.AcknowledgedEventCount;
        h.Intake.Faults.Clear();
        var failed = h.Intake.Requests.Count(r => r.Fault is not null);
        var retries = await collector.MetricAsync("s1identity_request_retries_total", "target=\"sekoia\"");

        Assert.Equal(SubsystemState.Degraded, during.Sekoia.State);
        Assert.Equal(0, acknowledgedDuring);
        // Each chunk in flight sends once, then only when its retry policy says so.
        Assert.InRange(failed, 1, retries + DeliveryPipeline.ChunksInFlight);
        await h.Intake.WaitForAsync(() => h.Intake.CountsById(acknowledgedOnly: true).Count == alerts.Count, PipelineHarness.Patience);
        FaultChecks.AssertNothingLost(h, alerts);
        Assert.Equal(0, h.Intake.DuplicateCount(acknowledgedOnly: false));
        Assert.Equal(SubsystemState.Ok, (await collector.GetStatusAsync()).Sekoia.State);
        output.WriteLine($"intake down: {failed} failed requests for {retries} retries; then {alerts.Count} alerts delivered, duplicates 0");
    }

    public static TheoryData<int> InvalidKeyStatuses => new([401, 403, 400, 422]);

    [Theory]
    [MemberData(nameof(InvalidKeyStatuses))]
    public async Task RefusedKey_HeldNotDeadLettered_DeliveredInFullOnceFixed(int status)
    {
        await using var h = await StartAsync(o => o with { InvalidKeyStatus = status });
        h.Settings.RefusedRetryDelay = "300ms";
        h.Settings.MaxRefusedRetryDelay = "1s";
        var now = DateTimeOffset.UtcNow;
        var alerts = FaultChecks.Generate(300, now.AddHours(-1), TimeSpan.FromMinutes(50), seed: 53);
        h.Uam.AddAlerts(alerts);
        h.Intake.IntakeKey = "a-key-this-collector-does-not-have";

        var collector = await h.StartCollectorAsync();
        var holds = 0;
        await collector.Process.WaitForOutputAsync(l => l.Contains("holding", StringComparison.Ordinal) && ++holds == 4, PipelineHarness.Patience);
        // The state is the last call's: a concurrent chunk's split request may have just answered, so polling can
        // keep missing the hold; WatchStatus sends every change, and a hold lasts until the next push answers.
        CollectorStatus during;
        using (var watch = collector.Client.WatchStatus(new WatchStatusRequest(), RunningCollector.Auth))
        {
            during = await watch.ResponseStream.ReadUntilAsync(s => s.Sekoia.State == SubsystemState.Failing, PipelineHarness.Patience);
        }

        await FaultChecks.AssertWatermarkBehindUndeliveredAsync(h, alerts);
        var refused = h.Intake.RequestCount;
        var rounds = await collector.MetricAsync("s1identity_request_retries_total", "target=\"sekoia\"", "reason=\"refused\"");

        Assert.Equal(0, h.Intake.AcknowledgedEventCount);
        Assert.Equal(0, await collector.MetricAsync("s1identity_alerts_dead_lettered_total"));
        Assert.Equal(SubsystemState.Failing, during.Sekoia.State);
        Assert.Contains($"HTTP {status}", during.Sekoia.LastError, StringComparison.Ordinal);
        if (status is 401 or 403)
        {
            Assert.Equal(0, await collector.MetricAsync("s1identity_credentials_valid", "target=\"sekoia\""));
        }
        // Per round and chunk in flight: one request, or a full split (2n − 1) the first time and at the slowest pace.
        var perRound = status is 401 or 403 ? 1 : (2 * ChunkSize) - 1;
        Assert.InRange(refused, holds, (rounds + DeliveryPipeline.ChunksInFlight) * perRound);

        h.Intake.IntakeKey = PipelineHarness.IntakeKey;
        await h.Intake.WaitForAsync(() => h.Intake.CountsById(acknowledgedOnly: true).Count == alerts.Count, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);
        FaultChecks.AssertNothingLost(h, alerts);
        Assert.Equal(0, h.Intake.DuplicateCount(acknowledgedOnly: false));
        Assert.Equal(0, await collector.MetricAsync("s1identity_alerts_dead_lettered_total"));
        Assert.Equal(SubsystemState.Ok, (await collector.GetStatusAsync()).Sekoia.State);
        output.WriteLine($"intake key refused with HTTP {status}: {refused} requests over {rounds} held rounds, 0 dead letters; " +
            $"then {alerts.Count} alerts delivered in full");
    }

    public static TheoryData<int> ContentRefusalStatuses => new([400, 422, 413]);

    [Theory]
    [MemberData(nameof(ContentRefusalStatuses))]
    public async Task RefusedContent_SplitUntilAloneThenOnlyThatAlertDeadLettered(int status)
    {
        var now = DateTimeOffset.UtcNow;
        var alerts = FaultChecks.Generate(300, now.AddHours(-1), TimeSpan.FromMinutes(50), seed: 54);
        var refusedId = alerts[137]["id"]!.GetValue<string>();
        await using var h = await StartAsync(o => o with
        {
            RefuseEvent = raw => raw.Contains(refusedId, StringComparison.Ordinal),
            ContentRefusalStatus = status,
        });
        h.Uam.AddAlerts(alerts);

        var collector = await h.StartCollectorAsync();
        var others = alerts.Where(a => a["id"]!.GetValue<string>() != refusedId).ToList();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById(acknowledgedOnly: true).Count == others.Count, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        FaultChecks.AssertNothingLost(h, others);
        Assert.DoesNotContain(refusedId, h.Intake.CountsById().Keys);
        Assert.Equal(0, h.Intake.DuplicateCount(acknowledgedOnly: false));
        Assert.Equal(1, await collector.MetricAsync("s1identity_alerts_dead_lettered_total", "reason=\"rejected\""));
        Assert.Equal(1, (await collector.GetStatusAsync()).AlertsDeadLetteredTotal);
        var deadLetter = Assert.Single(Directory.EnumerateFiles(Path.Combine(h.StateDirectory, "dead-letters"), "*.json"));
        Assert.Contains(refusedId, await File.ReadAllTextAsync(deadLetter), StringComparison.Ordinal);
        await FaultChecks.AssertWatermarkBehindUndeliveredAsync(h, others);
        output.WriteLine($"content refused with HTTP {status}: the one refused alert dead-lettered after {h.Intake.RequestCount} intake requests, " +
            $"{others.Count} others delivered, duplicates 0");
    }

    private static async Task<PipelineHarness> StartAsync(Func<SekoiaIntakeOptions, SekoiaIntakeOptions>? intake = null)
    {
        var h = await PipelineHarness.StartAsync(intakeOptions: intake);
        h.Settings.PageSize = 100;
        h.Settings.MaxBatchEvents = ChunkSize;
        return h;
    }

}
