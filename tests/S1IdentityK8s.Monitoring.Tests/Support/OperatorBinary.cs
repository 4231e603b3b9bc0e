using System.Globalization;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Monitoring.Tests.Support;

/// <summary>
/// The built operator run as a process against a cluster (KUBECONFIG standing in for the pod's service
/// account), its <c>/metrics</c> on a free loopback port. Disposal stops it.
/// </summary>
internal sealed class OperatorBinary : IAsyncDisposable
{
    private readonly HttpClient _http;

    private OperatorBinary(ChildProcess process, int port)
    {
        Process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };
    }

    /// <summary>The operator process.</summary>
    public ChildProcess Process { get; }

    /// <summary>Starts one replica electing on its Lease in <paramref name="leaseNamespace"/>.</summary>
    public static OperatorBinary Start(string kubeconfig, string leaseNamespace)
    {
        var dll = Path.Combine(RepositoryPaths.Root, "operator", "S1IdentityK8s.Operator", "bin", CollectorBinary.TestConfiguration,
            "net10.0", "S1IdentityK8s.Operator.dll");
        var port = FreePorts.Take(1)[0];
        var process = new ChildProcess(CollectorBinary.DotnetHost, [dll], new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = kubeconfig,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["POD_NAMESPACE"] = leaseNamespace,
            ["POD_NAME"] = "operator-0",
        });
        return new OperatorBinary(process, port);
    }

    /// <summary>Its metrics once they hold a sample line starting with each of <paramref name="samples"/>.</summary>
    public Task<string> WaitForMetricsAsync(TimeSpan timeout, params string[] samples) =>
        WaitForMetricsAsync(
            text => samples.All(sample => text.Split('\n').Any(l => l.StartsWith(sample, StringComparison.Ordinal))),
            $"samples {string.Join(", ", samples)}", timeout);

    /// <summary>Its metrics (Prometheus text) once <paramref name="condition"/> holds on them.</summary>
    public async Task<string> WaitForMetricsAsync(Func<string, bool> condition, string description, TimeSpan timeout)
    {
        try
        {
            return (await ClusterWait.ForAsync<string>(
                async t =>
                {
                    try
                    {
                        return await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative), t);
                    }
                    catch (HttpRequestException)
                    {
                        return null; // not listening yet
                    }
                },
                text => text is not null && condition(text), timeout, $"{description} on the operator's /metrics"))!;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\noperator output:\n{Process.OutputText}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Process.DisposeAsync();
    }
}
