using System.Text;
using S1IdentityK8s.Collector.SentinelOne;
using S1IdentityK8s.Collector.Tests.Pipeline;
using S1IdentityK8s.TestSupport.Emulators;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Faults;

/// <summary>
/// UAM answers that are well-formed HTTP with bad content, served to every request for a while, against
/// the real collector binary: it never crashes nor loops, never moves the checkpoint past an alert it did not
/// deliver, names what was wrong in <c>last_cycle_error</c>, and delivers everything once the answers are
/// right again. (Network-level faults, HTML at 200 and GraphQL errors are in <see cref="UamFaultMatrixTests"/>.)
/// </summary>
public sealed class UamBadInputTests(ITestOutputHelper output)
{
    private const int MaxAttempts = 2;

    public static TheoryData<string> Cases => new(BadAnswers.Keys);

    /// <summary>Case → (the answer, the words <c>last_cycle_error</c> must contain).</summary>
    private static readonly Dictionary<string, (Func<ScriptedFault> Answer, string Error)> BadAnswers = new()
    {
        ["truncated JSON"] = (() => ScriptedFault.JsonBody("""{"data":{"alerts":{"edges":[{"node":{"id":"ba4859"""), "body that is not JSON"),
        ["wrong types"] = (() => ScriptedFault.JsonBody("""{"data":{"alerts":{"edges":"none","pageInfo":{"hasNextPage":"yes"}}}}"""),
            "'alerts.edges' must be a list, got \"none\""),
        ["null edges"] = (() => ScriptedFault.JsonBody("""{"data":{"alerts":{"edges":null,"pageInfo":{"hasNextPage":false,"endCursor":null}}}}"""),
            "'alerts.edges' must be a list, got null"),
        ["missing pageInfo"] = (() => ScriptedFault.JsonBody("""{"data":{"alerts":{"edges":[]}}}"""), "'alerts.pageInfo' must be an object, got nothing"),
        ["hasNextPage with a null cursor"] = (() => ScriptedFault.JsonBody("""{"data":{"alerts":{"edges":[],"pageInfo":{"hasNextPage":true,"endCursor":null}}}}"""),
            "hasNextPage without an endCursor"),
        ["hasNextPage with a repeated cursor"] = (() => ScriptedFault.JsonBody("""{"data":{"alerts":{"edges":[],"pageInfo":{"hasNextPage":true,"endCursor":"c1"}}}}"""),
            "endCursor \"c1\" twice in one pass"),
        ["unparsable timestamp"] = (() => ScriptedFault.JsonBody(
            """{"data":{"alerts":{"edges":[{"node":{"id":"bad-time","detectedAt":"yesterday","updatedAt":"yesterday"}}],"pageInfo":{"hasNextPage":false,"endCursor":"c1"}}}}"""),
            "alert \"bad-time\" has an invalid 'detectedAt'"),
        ["non-UTF-8 bytes"] = (() => ScriptedFault.JsonBody("") with
        {
            BodyBytes = [.. Encoding.UTF8.GetBytes("""{"data":{"alerts":{"edges":[],"pageInfo":{"hasNextPage":false,"endCursor":"c"""), 0xC3, 0x28, .. "\"}}}}"u8],
        }, "bytes that are not UTF-8 (at byte "),
        ["100 MB body"] = (() => ScriptedFault.JsonBody(
            """{"data":{"alerts":{"edges":[],"pageInfo":{"hasNextPage":false,"endCursor":null}}},"padding":""" + "\"" + new string('x', 100_000_000) + "\"}"),
            $"more than {UamClient.MaxAnswerBytes / (1024 * 1024)} MiB"),
        ["HTML error page from a proxy (502)"] = (() => ScriptedFault.Status(502), "SentinelOne server error (HTTP 502)"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadAnswer_Sustained_NamedInTheStatusWithoutLossLoopOrCrash(string name)
    {
        var (answer, error) = BadAnswers[name];
        await using var h = await PipelineHarness.StartAsync();
        h.Settings.PageSize = 100;
        h.Settings.RetryMaxAttempts = MaxAttempts;
        h.Settings.RetryInitialDelay = "100ms";
        h.Settings.RetryMaxDelay = "200ms";
        var now = DateTimeOffset.UtcNow;
        var first = FaultChecks.Generate(100, now.AddHours(-1), TimeSpan.FromMinutes(50), seed: 61);
        h.Uam.AddAlerts(first);
        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == first.Count, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        // Every answer is bad from now on; alerts keep arriving just ahead of the collector's window.
        h.Uam.Faults.FailRandomly(1.0, seed: 61, answer());
        var faultStart = h.Uam.RequestCount;
        var later = FaultChecks.Generate(100, DateTimeOffset.UtcNow.AddMilliseconds(200), TimeSpan.FromSeconds(2), seed: 62);
        h.Uam.AddAlerts(later);
        await FaultChecks.WaitForCycleFailuresAsync(collector, 3);

        var during = await collector.GetStatusAsync();
        Assert.Contains(error, during.LastCycleError, StringComparison.Ordinal);
        await FaultChecks.AssertWatermarkBehindUndeliveredAsync(h, later);
        h.Uam.Faults.Clear();
        var bad = h.Uam.Requests.Skip(faultStart).Count(r => r.Fault is not null);
        var failedCycles = await collector.MetricAsync("s1identity_collection_cycle_failures_total");
        // No loop: a failed cycle spends at most two list requests (a repeated cursor needs two), each tried maxAttempts times.
        Assert.InRange(bad, 3, (failedCycles + 1) * 2 * MaxAttempts);

        var all = first.Concat(later).ToList();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == all.Count, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);
        FaultChecks.AssertNothingLost(h, all);
        Assert.Equal(0, h.Intake.DuplicateCount(acknowledgedOnly: false));
        Assert.False(collector.Process.HasExited);
        Assert.Empty((await collector.GetStatusAsync()).LastCycleError);
        output.WriteLine($"{name}: \"{during.LastCycleError}\"; {bad} bad answers over {failedCycles} failed cycles, then {all.Count} alerts, lost 0, duplicates 0");
    }
}
