using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Health.V1;
using Grpc.Net.Client;
using S1IdentityK8s.Collector.Tests.Api;
using S1IdentityK8s.Protos.Collector.V1;
using S1IdentityK8s.TestSupport.Processes;
using S1IdentityK8s.TestSupport.Security;

namespace S1IdentityK8s.Collector.Tests.Pipeline;

/// <summary>
/// A started collector process, its metrics endpoint and its gRPC address, with gRPC clients that record every
/// answer for the secret sweep (<see cref="EvidenceInterceptor"/>); the harness disposes their channel.
/// </summary>
public sealed partial class RunningCollector : IDisposable
{
    private static readonly HttpClient Http = new();
    private readonly GrpcChannel _channel;

    public RunningCollector(CollectorProcess process, Uri metricsUri, Uri grpcAddress)
    {
        Process = process;
        MetricsUri = metricsUri;
        GrpcAddress = grpcAddress;
        _channel = GrpcChannel.ForAddress(grpcAddress);
        var recorded = _channel.Intercept(new EvidenceInterceptor());
        Client = new CollectorService.CollectorServiceClient(recorded);
        Health = new Health.HealthClient(recorded);
    }

    /// <summary>The admin credentials for CollectorService calls.</summary>
    public static Metadata Auth => new() { { "authorization", "Bearer " + PipelineHarness.AdminToken } };

    public CollectorProcess Process { get; }

    public Uri MetricsUri { get; }

    public Uri GrpcAddress { get; }

    /// <summary>CollectorService over one channel; pass <see cref="Auth"/>. Every answer is recorded as evidence.</summary>
    public CollectorService.CollectorServiceClient Client { get; }

    /// <summary>grpc.health.v1 over the same channel; every answer is recorded as evidence.</summary>
    public Health.HealthClient Health { get; }

    /// <summary>CollectorService/GetStatus with the harness's admin token.</summary>
    public async Task<CollectorStatus> GetStatusAsync() => await Client.GetStatusAsync(new GetStatusRequest(), Auth);

    public void Dispose() => _channel.Dispose();

    /// <summary>Records what <c>/metrics</c> shows now for the secret sweep (a stopped collector shows nothing).</summary>
    public async Task RecordMetricsEvidenceAsync()
    {
        if (SuiteEvidence.Root is null)
        {
            return;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            SuiteEvidence.Add("metrics", "collector", await http.GetStringAsync(MetricsUri));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Exiting as the test ends: its last metrics are gone with it.
        }
    }

    /// <summary>
    /// Waits until a collection cycle that started at or after <paramref name="startedAfter"/> completed:
    /// a cycle's watermark is the instant it started (settleDelay is 0 in these tests).
    /// </summary>
    public Task WaitForCycleCompleteAsync(DateTimeOffset startedAfter) =>
        Process.WaitForOutputAsync(l => CycleWatermark(l) is { } w && w >= startedAfter.AddMilliseconds(-1), PipelineHarness.Patience);

    /// <summary>The watermark of a "cycle complete" log line, or null for other lines.</summary>
    public static DateTimeOffset? CycleWatermark(string line)
    {
        var m = CycleComplete().Match(line);
        return m.Success ? DateTimeOffset.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;
    }

    public async Task<string> MetricsAsync() => await Http.GetStringAsync(MetricsUri);

    /// <summary>The sum of a metric's samples whose labels contain every one of <paramref name="labels"/>.</summary>
    public async Task<double> MetricAsync(string name, params string[] labels)
    {
        var total = 0.0;
        foreach (Match m in Sample().Matches(await MetricsAsync()))
        {
            if (m.Groups["name"].Value == name && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            {
                total += double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }
        return total;
    }

    [GeneratedRegex(@"Collection cycle complete: detectedAt watermark (\S+),")]
    private static partial Regex CycleComplete();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>[-+eE0-9.]+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
