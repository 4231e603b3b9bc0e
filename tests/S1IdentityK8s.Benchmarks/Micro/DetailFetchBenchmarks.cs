using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.SentinelOne;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Benchmarks.Micro;

/// <summary>
/// Completing one page of 500 alerts with their details: one request per alert, as Sekoia's connector does
/// (the baseline), against aliased batches. The emulator adds a fixed per-request latency standing in for
/// the network round trip to a SentinelOne console; the ratio, not the absolute time, is the result.
/// </summary>
[MemoryDiagnoser]
public class DetailFetchBenchmarks
{
    private UamEmulator _uam = null!;
    private HttpClient _http = null!;
    private List<JsonObject> _nodes = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = "bench" });
        _uam.Faults.Latency = TimeSpan.FromMilliseconds(2);
        var now = DateTimeOffset.UtcNow;
        var alerts = AlertFixtures.Generate(500, now.AddHours(-1), now, seed: 1);
        _uam.AddAlerts(alerts);
        _nodes = alerts.Select(a => new JsonObject { ["id"] = a["id"]!.GetValue<string>() }).ToList();
        _http = new HttpClient();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _http.Dispose();
        await _uam.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "one detail request per alert (reference connector)")]
    public Task OneRequestPerAlertAsync() => MergeAsync(1);

    [Benchmark(Description = "aliased batches of 10")]
    public Task BatchesOf10Async() => MergeAsync(10);

    [Benchmark(Description = "aliased batches of 50 (default)")]
    public Task BatchesOf50Async() => MergeAsync(50);

    private async Task MergeAsync(int detailBatchSize)
    {
        var metrics = new CollectorMetrics("bench", "bench");
        var client = new UamClient(_http, new UamClientSettings(_uam.GraphQLUri, () => "bench"),
            new SubsystemHealth("sentinelone", TimeProvider.System), metrics);
        var merger = new AlertDetailMerger(client, detailBatchSize, NullLogger<AlertDetailMerger>.Instance);
        var page = _nodes.Select(n => n.DeepClone().AsObject()).ToList();
        await merger.MergeAsync(page, CancellationToken.None);
    }
}
