using System.Globalization;
using System.Net;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.TestSupport.Processes;

/// <summary>
/// One replica of the operator as users run it: the built binary with the chart's environment
/// (KUBECONFIG standing in for the in-cluster service account), and its HTTP endpoints. Disposal stops it.
/// </summary>
public sealed class OperatorProcess : IAsyncDisposable
{
    /// <summary>
    /// Lease timings short enough for tests, in the ratio of controller-runtime's 15s/10s/2s. The renew deadline
    /// leaves a new leader room to start its watches on a loaded 2-core machine: at 3 s, three replicas starting
    /// together under load lost a freshly taken Lease before its first renewal completed.
    /// </summary>
    public static readonly (TimeSpan LeaseDuration, TimeSpan RenewDeadline, TimeSpan RetryPeriod) FastElection =
        (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(1));

    private OperatorProcess(string name, ChildProcess process, int port)
    {
        Name = name;
        Process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };
    }

    /// <summary>The built operator.</summary>
    public static string Dll => Path.Combine(
        RepositoryPaths.Root, "operator", "S1IdentityK8s.Operator", "bin", CollectorBinary.TestConfiguration, "net10.0", "S1IdentityK8s.Operator.dll");

    /// <summary>Its pod name, the identity in the Lease.</summary>
    public string Name { get; }

    /// <summary>The process.</summary>
    public ChildProcess Process { get; }

    /// <summary>Reaches its /healthz, /readyz and /metrics.</summary>
    public HttpClient Http { get; }

    /// <summary>
    /// Starts replica <paramref name="name"/> electing on the Lease in <paramref name="ns"/>, with <see cref="FastElection"/>
    /// unless <paramref name="fast"/> is false, and any further environment <paramref name="settings"/>.
    /// </summary>
    public static OperatorProcess Start(string kubeconfig, string ns, string name, bool fast = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var port = FreePorts.Take(1)[0];
        var environment = new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = kubeconfig,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["POD_NAMESPACE"] = ns,
            ["POD_NAME"] = name,
        };
        if (fast)
        {
            environment["LEADER_ELECTION_LEASE_DURATION"] = Go(FastElection.LeaseDuration);
            environment["LEADER_ELECTION_RENEW_DEADLINE"] = Go(FastElection.RenewDeadline);
            environment["LEADER_ELECTION_RETRY_PERIOD"] = Go(FastElection.RetryPeriod);
        }

        foreach (var (variable, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[variable] = value;
        }

        return new OperatorProcess(name, new ChildProcess(CollectorBinary.DotnetHost, [Dll], environment), port);
    }

    /// <summary>The status code of GET <paramref name="path"/> (e.g. /readyz), as text for <see cref="ClusterWait"/>.</summary>
    public async Task<string?> StatusOfAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return "unreachable";
        }
    }

    /// <summary>Reconciles it has run so far (its s1identity_operator_reconciles_total, all results).</summary>
    public async Task<double> ReconcilesAsync()
    {
        var metrics = await Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return metrics.Split('\n')
            .Where(line => line.StartsWith("s1identity_operator_reconciles_total{", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>Waits until GET <paramref name="path"/> answers <paramref name="status"/>.</summary>
    public async Task<string?> WaitForAsync(string path, HttpStatusCode status, TimeSpan timeout)
    {
        var expected = ((int)status).ToString(CultureInfo.InvariantCulture);
        try
        {
            return await ClusterWait.ForAsync(t => StatusOfAsync(path, t), code => code == expected, timeout, $"{Name} {path} to answer {expected}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Name}'s output:\n{Process.OutputText}", e);
        }
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
                        return await Http.GetStringAsync(new Uri("/metrics", UriKind.Relative), t);
                    }
                    catch (HttpRequestException)
                    {
                        return null; // not listening yet
                    }
                },
                text => text is not null && condition(text), timeout, $"{description} on {Name}'s /metrics"))!;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Name}'s output:\n{Process.OutputText}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }

    private static string Go(TimeSpan duration) => $"{duration.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
}
