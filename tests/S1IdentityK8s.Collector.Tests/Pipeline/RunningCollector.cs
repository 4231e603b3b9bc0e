using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Net.Client;
using S1IdentityK8s.Protos.Collector.V1;
using S1IdentityK8s.TestSupport.Processes;
using S1IdentityK8s.TestSupport.Security;

namespace S1IdentityK8s.Collector.Tests.Pipeline;

/// <summary>A started collector process, its metrics endpoint and its gRPC address.</summary>
public sealed partial class RunningCollector(CollectorProcess process, Uri metricsUri, Uri grpcAddress)
{
    private static readonly HttpClient Http = new();

    public CollectorProcess Process { get; } = process;

    public Uri MetricsUri { get; } = metricsUri;

    public Uri GrpcAddress { get; } = grpcAddress;

    /// <summary>CollectorService/GetStatus with the harness's admin token.</summary>
    public async Task<CollectorStatus> GetStatusAsync()
    {
        using var channel = GrpcChannel.ForAddress(GrpcAddress);
        var client = new CollectorService.CollectorServiceClient(channel);
        var status = await client.GetStatusAsync(new GetStatusRequest(), new Metadata { { "authorization", "Bearer " + PipelineHarness.AdminToken } });
        SuiteEvidence.Add("grpc", "GetStatus", status.ToString());
        return status;
    }

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
