using S1IdentityK8s.Collector.Tests.Pipeline;
using S1IdentityK8s.Protos.Collector.V1;
using S1IdentityK8s.TestSupport.Emulators;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Faults;

/// <summary>
/// Every transient UAM fault, against the real collector binary: a few in a row are absorbed by the
/// per-request retry (no cycle fails), a sustained one fails cycles within the retry bound (no hot loop)
/// without moving the checkpoint past anything undelivered, and collection recovers when it ends.
/// </summary>
public sealed class UamFaultMatrixTests(ITestOutputHelper output)
{
    private const int MaxAttempts = 4;

    /// <summary>Fault name → (the fault, the retry reason the collector reports for it).</summary>
    public static TheoryData<string> TransientFaults => new(Faults.Keys);

    private static readonly Dictionary<string, (ScriptedFault Fault, string Reason)> Faults = new()
    {
        ["503"] = (ScriptedFault.ServiceUnavailable(), "unavailable"),
        ["500"] = (ScriptedFault.InternalServerError(), "unavailable"),
        ["GraphQL INTERNAL_SERVER_ERROR at 200"] = (ScriptedFault.GraphQLError(), "unavailable"),
        ["GraphQL INTERNAL_SERVER_ERROR with partial data"] = (ScriptedFault.GraphQLError(partialData: true), "unavailable"),
        ["HTML page at 200"] = (ScriptedFault.Status(200), "unavailable"),
        ["truncated body"] = (ScriptedFault.TruncatedBody(), "transport"),
        ["connection reset"] = (ScriptedFault.ConnectionReset(), "transport"),
        ["timeout"] = (ScriptedFault.Stall(TimeSpan.FromSeconds(30)), "transport"),
        ["429"] = (ScriptedFault.TooManyRequests(retryAfterSeconds: null), "throttled"),
    };

    [Theory]
    [MemberData(nameof(TransientFaults))]
    public async Task TransientFault_FewerThanMaxAttempts_AbsorbedWithoutFailingTheCycle(string name)
    {
        var (fault, reason) = Faults[name];
        await using var h = await StartAsync();
        var now = DateTimeOffset.UtcNow;
        var alerts = FaultChecks.Generate(400, now.AddHours(-1), TimeSpan.FromMinutes(50), seed: 41);
        h.Uam.AddAlerts(alerts);
        h.Uam.Faults.Enqueue(fault, MaxAttempts - 1);

        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == alerts.Count, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        FaultChecks.AssertNothingLost(h, alerts);
        Assert.Equal(0, h.Intake.DuplicateCount(acknowledgedOnly: false));
        Assert.Equal(0, await collector.MetricAsync("s1identity_collection_cycle_failures_total"));
        Assert.DoesNotContain(collector.Process.Output, l => l.Text.Contains("Collection cycle failed", StringComparison.Ordinal));
        Assert.Equal(MaxAttempts - 1, h.Uam.Requests.Count(r => r.Fault is not null));
        Assert.Equal(MaxAttempts - 1, await collector.MetricAsync("s1identity_request_retries_total", "target=\"sentinelone\"", $"reason=\"{reason}\""));
        Assert.Equal(SubsystemState.Ok, (await collector.GetStatusAsync()).Sentinelone.State);
        await FaultChecks.AssertWatermarkBehindUndeliveredAsync(h, alerts);
        output.WriteLine($"{name} ×{MaxAttempts - 1}: 400 alerts, lost 0, duplicates 0, cycle failures 0, UAM requests {h.Uam.RequestCount}");
    }

    [Theory]
    [MemberData(nameof(TransientFaults))]
    public async Task TransientFault_Sustained_FailsCyclesWithinTheAttemptBoundAndRecovers(string name)
    {
        var (fault, _) = Faults[name];
        await using var h = await StartAsync();
        var now = DateTimeOffset.UtcNow;
        var first = FaultChecks.Generate(200, now.AddHours(-1), TimeSpan.FromMinutes(50), seed: 42);
        h.Uam.AddAlerts(first);
        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == first.Count, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        // From now on every UAM request fails; alerts keep arriving just ahead of the collector's window.
        h.Uam.Faults.FailRandomly(1.0, seed: 42, fault);
        var faultStart = h.Uam.RequestCount;
        var later = FaultChecks.Generate(200, DateTimeOffset.UtcNow.AddMilliseconds(200), TimeSpan.FromSeconds(2), seed: 43);
        h.Uam.AddAlerts(later);
        await FaultChecks.WaitForCycleFailuresAsync(collector, 2);

        var during = await collector.GetStatusAsync();
        Assert.NotEqual(SubsystemState.Ok, during.Sentinelone.State);
        Assert.NotEmpty(during.LastCycleError);
        await FaultChecks.AssertWatermarkBehindUndeliveredAsync(h, later);
        h.Uam.Faults.Clear();
        var faulted = h.Uam.Requests.Skip(faultStart).Count(r => r.Fault is not null);
        var failedCycles = await collector.MetricAsync("s1identity_collection_cycle_failures_total");
        // Each failed cycle spends at most maxAttempts on its request; the cycle running at the end, as many.
        Assert.InRange(faulted, 2 * MaxAttempts, (failedCycles + 1) * MaxAttempts);

        var all = first.Concat(later).ToList();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == all.Count, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);
        FaultChecks.AssertNothingLost(h, all);
        Assert.Equal(0, h.Intake.DuplicateCount(acknowledgedOnly: false));
        Assert.Equal(SubsystemState.Ok, (await collector.GetStatusAsync()).Sentinelone.State);
        output.WriteLine($"{name} sustained: {faulted} failed UAM requests over {failedCycles} failed cycles " +
            $"(bound {(failedCycles + 1) * MaxAttempts}); then {all.Count} alerts delivered, duplicates 0");
    }

    public static TheoryData<string> CredentialFaults => new(["HTTP 401", "HTTP 403", "GraphQL FORBIDDEN at 200", "GraphQL UNAUTHENTICATED at 200"]);

    [Theory]
    [MemberData(nameof(CredentialFaults))]
    public async Task CredentialFault_Sustained_NotRetriedPerRequestReportedAndRecovers(string name)
    {
        await using var h = await StartAsync();
        var now = DateTimeOffset.UtcNow;
        var first = FaultChecks.Generate(100, now.AddHours(-1), TimeSpan.FromMinutes(50), seed: 44);
        h.Uam.AddAlerts(first);
        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == first.Count, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        var faultStart = h.Uam.RequestCount;
        // Counted from here: a transient hiccup of the loopback emulator before the fault is not this test's subject.
        var retriesBefore = await collector.MetricAsync("s1identity_request_retries_total", "target=\"sentinelone\"");
        Break(h, name, broken: true);
        var later = FaultChecks.Generate(100, DateTimeOffset.UtcNow.AddMilliseconds(200), TimeSpan.FromSeconds(2), seed: 45);
        h.Uam.AddAlerts(later);
        await FaultChecks.WaitForCycleFailuresAsync(collector, 2);

        var during = await collector.GetStatusAsync();
        Assert.Equal(SubsystemState.Failing, during.Sentinelone.State);
        Assert.False(during.Sentinelone.CredentialsValid);
        Assert.Equal(0, await collector.MetricAsync("s1identity_credentials_valid", "target=\"sentinelone\""));
        var retried = await collector.MetricAsync("s1identity_request_retries_total", "target=\"sentinelone\"") - retriesBefore;
        Assert.True(retried == 0, $"{retried} per-request retries of a refused credential: " +
            string.Join(Environment.NewLine, collector.Process.OutputText.Split('\n').Where(l => l.Contains("SentinelOne request failed", StringComparison.Ordinal))));
        await FaultChecks.AssertWatermarkBehindUndeliveredAsync(h, later);
        Break(h, name, broken: false);
        var refused = h.Uam.Requests.Skip(faultStart).Count(r => r.StatusCode is 401 or 403 || r.Fault is not null);
        var failedCycles = await collector.MetricAsync("s1identity_collection_cycle_failures_total", "kind=\"credentials\"");
        // One request per cycle, each cycle credentialsRetryInterval after the last: never retried hot.
        Assert.InRange(refused, 2, failedCycles + 1);

        var all = first.Concat(later).ToList();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == all.Count, PipelineHarness.Patience);
        FaultChecks.AssertNothingLost(h, all);
        Assert.Equal(0, h.Intake.DuplicateCount(acknowledgedOnly: false));
        Assert.Equal(1, await collector.MetricAsync("s1identity_credentials_valid", "target=\"sentinelone\""));
        output.WriteLine($"{name}: {refused} refused requests over {failedCycles} failed cycles; then {all.Count} alerts delivered");
    }

    [Fact]
    public async Task RetryAfterAsHttpDate_NoRequestBeforeThatDate()
    {
        await using var h = await StartAsync();
        var now = DateTimeOffset.UtcNow;
        var alerts = FaultChecks.Generate(100, now.AddHours(-1), TimeSpan.FromMinutes(50), seed: 46);
        h.Uam.AddAlerts(alerts);
        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == alerts.Count, PipelineHarness.Patience);

        var fault = ScriptedFault.ServiceUnavailableUntil(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(2));
        var until = DateTimeOffset.Parse(fault.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture);
        var before = h.Uam.RequestCount;
        h.Uam.Faults.Enqueue(fault);
        await h.Uam.WaitForRequestsAsync(before + 2, PipelineHarness.Patience);

        var requests = h.Uam.Requests.Skip(before).ToList();
        Assert.Same(fault, requests[0].Fault);
        Assert.True(requests[1].ReceivedAt >= until.AddMilliseconds(-20),
            $"request after a 503 with Retry-After: {fault.RetryAfter} came at {requests[1].ReceivedAt:O}");
        Assert.Equal(1, await collector.MetricAsync("s1identity_request_retries_total", "target=\"sentinelone\"", "reason=\"unavailable\""));
        output.WriteLine($"Retry-After {fault.RetryAfter}: next request {(requests[1].ReceivedAt - until).TotalMilliseconds:0} ms after that date");
    }

    private static void Break(PipelineHarness h, string name, bool broken)
    {
        switch (name)
        {
            case "HTTP 401":
                h.Uam.Token = broken ? "another-token" : PipelineHarness.ApiToken;
                break;
            case "HTTP 403":
                h.Uam.DenyPermission = broken;
                break;
            default:
                if (broken)
                {
                    var code = name.Contains("FORBIDDEN", StringComparison.Ordinal) ? "FORBIDDEN" : "UNAUTHENTICATED";
                    h.Uam.Faults.FailRandomly(1.0, seed: 1, ScriptedFault.GraphQLError(code, message: "Not allowed"));
                }
                else
                {
                    h.Uam.Faults.Clear();
                }
                break;
        }
    }

    private static async Task<PipelineHarness> StartAsync()
    {
        var h = await PipelineHarness.StartAsync();
        h.Settings.PageSize = 100;
        h.Settings.MaxBatchEvents = 100;
        h.Settings.RetryMaxAttempts = MaxAttempts;
        h.Settings.RetryInitialDelay = "100ms";
        h.Settings.RetryMaxDelay = "400ms";
        h.Settings.RequestTimeout = "1s";
        return h;
    }
}
