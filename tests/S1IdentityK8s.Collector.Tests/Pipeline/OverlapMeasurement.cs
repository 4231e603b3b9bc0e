using S1IdentityK8s.TestSupport.Fixtures;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Pipeline;

/// <summary>
/// Throughput of a drain with SentinelOne and the intake 50 ms away and a 25 requests/s budget, default
/// settings otherwise: this build against a baseline build in the same run, and the reference connector's
/// pattern (sequential list pages of 100, one detail request per alert) played by the baseline with
/// <c>pageSize: 100, detailBatchSize: 1</c>. Rate = alerts / (first UAM request → last alert at the intake).
/// A short drain profits from the budget's one-second burst; the long one shows the steady state, where the
/// budget caps the rate at requestsPerSecond × alerts per request.
/// <code>
///   S1K8S_BASELINE_COLLECTOR_DLL=/path/to/main/S1IdentityK8s.Collector.dll \
///     dotnet test tests/S1IdentityK8s.Collector.Tests -c Release --filter OverlapMeasurement --logger "console;verbosity=detailed"
/// </code>
/// </summary>
public sealed class OverlapMeasurement(ITestOutputHelper output)
{
    private const int RequestsPerSecond = 25;
    private static readonly TimeSpan Rtt = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    [MeasurementFact]
    public async Task Drain_50msAway25RequestsPerSecond_BaselineVersusThisBuild()
    {
        var baseline = Environment.GetEnvironmentVariable(MeasurementFactAttribute.BaselineVariable)!;

        var reference = await MeasureAsync("reference pattern (baseline, pageSize 100, detailBatchSize 1)", baseline, 400,
            s => (s.PageSize, s.DetailBatchSize) = (100, 1));
        var before = await MeasureAsync("before (baseline build, defaults)", baseline, 4_000, _ => { });
        var serial = await MeasureAsync("this build, detailConcurrency 1", null, 4_000, s => s.DetailConcurrency = 1);
        var after = await MeasureAsync("after (this build, defaults)", null, 4_000, _ => { });
        var steady = await MeasureAsync("after, steady state (this build, defaults)", null, 20_000, _ => { });

        output.WriteLine($"after/before: {after / before:0.00}x; detailConcurrency 1/before: {serial / before:0.00}x; " +
            $"before/reference: {before / reference:0.0}x; after/reference: {after / reference:0.0}x; steady/reference: {steady / reference:0.0}x");
        output.WriteLine($"budget cap with defaults (pageSize 500, detailBatchSize 50: 11 requests per 500 alerts): " +
            $"{RequestsPerSecond * 500.0 / 11:0} alerts/s = {RequestsPerSecond * 500.0 / 11 / reference:0.0}x the reference measured here");
    }

    private async Task<double> MeasureAsync(string name, string? collectorDll, int count, Action<CollectorSettings> tune)
    {
        await using var h = await PipelineHarness.StartAsync();
        h.Settings.RequestsPerSecond = RequestsPerSecond;
        tune(h.Settings);
        h.Uam.Faults.Latency = Rtt;
        h.Intake.Faults.Latency = Rtt;
        var now = DateTimeOffset.UtcNow;
        h.Uam.AddAlerts(AlertFixtures.Generate(count, now.AddHours(-2), now.AddMinutes(-1), seed: 50));

        await h.StartCollectorAsync(collectorDll: collectorDll);
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == count, Patience);

        var requests = h.Uam.Requests;
        var last = h.Intake.Events.Max(e => e.ReceivedAt);
        var seconds = (last - requests[0].ReceivedAt).TotalSeconds;
        var sent = requests.Count(r => r.ReceivedAt <= last);
        output.WriteLine($"{name}: {count} alerts in {seconds:0.00} s = {count / seconds:0.0} alerts/s; " +
            $"{sent} UAM requests by then ({count / (double)sent:0.0} alerts per request; the budget alone allows them in " +
            $"{Math.Max(0, sent - RequestsPerSecond) / (double)RequestsPerSecond:0.00} s), " +
            $"{h.Intake.RequestCount} intake requests, duplicates {h.Intake.DuplicateCount(acknowledgedOnly: false)}");
        Assert.Equal(0, h.Intake.DuplicateCount(acknowledgedOnly: false));
        return count / seconds;
    }
}
