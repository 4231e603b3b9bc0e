using System.Diagnostics;
using System.Globalization;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Benchmarks.Operator;

/// <summary>
/// The real operator binary (its build output) run as users run it outside a cluster: a kubeconfig in
/// place of the in-cluster account, default settings, its health and metrics on a loopback port.
/// </summary>
public sealed class OperatorUnderTest : IAsyncDisposable
{
    private readonly HttpClient _http;

    private OperatorUnderTest(ChildProcess process, long startedAt, int port)
    {
        Process = process;
        StartedAt = startedAt;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The built operator.</summary>
    public static string Dll => Path.Combine(
        RepositoryPaths.Root, "operator", "S1IdentityK8s.Operator", "bin", CollectorBinary.TestConfiguration, "net10.0", "S1IdentityK8s.Operator.dll");

    /// <summary>The process.</summary>
    public ChildProcess Process { get; }

    /// <summary>When it was started (<see cref="Stopwatch"/> timestamp).</summary>
    public long StartedAt { get; }

    /// <summary>Starts the operator with <paramref name="kubeconfig"/>, electing its leader in <paramref name="leaseNamespace"/>.</summary>
    public static OperatorUnderTest Start(string kubeconfig, string leaseNamespace)
    {
        if (!File.Exists(Dll))
        {
            throw new FileNotFoundException($"the operator is not built: run 'dotnet build operator/S1IdentityK8s.Operator -c {CollectorBinary.TestConfiguration}'", Dll);
        }
        var port = FreePorts.Take(1)[0];
        var environment = new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = kubeconfig,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["POD_NAMESPACE"] = leaseNamespace,
            ["POD_NAME"] = "operator-bench",
        };
        var startedAt = Stopwatch.GetTimestamp();
        return new OperatorUnderTest(new ChildProcess(CollectorBinary.DotnetHost, [Dll], environment), startedAt, port);
    }

    /// <summary>Returns once it leads (its log says so).</summary>
    public Task<OutputLine> WaitForLeadershipAsync(TimeSpan timeout) =>
        Process.WaitForOutputAsync(l => l.Contains("leading as", StringComparison.Ordinal), timeout);

    /// <summary>A sample of its <c>/metrics</c> summed over labels, or null while it does not answer.</summary>
    public async Task<double?> MetricAsync(string name)
    {
        try
        {
            var text = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            return text.Split('\n')
                .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Reconciles run so far (null while its HTTP port is not up).</summary>
    public Task<double?> ReconcilesAsync() => MetricAsync("s1identity_operator_reconciles_total");

    /// <summary>Keys waiting in its work queue.</summary>
    public Task<double?> QueueDepthAsync() => MetricAsync("s1identity_operator_queue_depth");

    /// <summary>Stops it gracefully (it releases its Lease).</summary>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!Process.HasExited)
        {
            try
            {
                await Process.StopAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                // StopAsync killed it.
            }
        }
        await Process.DisposeAsync();
    }
}
