using System.Collections.Concurrent;
using k8s;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Runtime.Controllers;
using S1IdentityK8s.Operator.Runtime.Health;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>
/// The intake controller running in the test process against the test cluster, until disposed. It acts
/// as <see cref="OperatorIdentity"/> (the generated ClusterRole only) unless given another client.
/// </summary>
internal sealed class RunningOperator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly IKubernetes? _ownedClient;
    private readonly RequestCounter? _requests;
    private readonly RecordingLogger _log = new();
    private readonly Task _run;
    private readonly ConcurrentDictionary<string, byte> _reconciling = new();
    private int _mostAtOnce;
    private int _sameKeyAtOnce;

    private RunningOperator(
        IKubernetes client, RequestCounter? requests, TimeSpan resync, IntakeControllerOptions? options, IReadOnlyList<string>? namespaces)
    {
        (_ownedClient, _requests) = requests is null ? (null, null) : (client, requests);
        // v1.20 has no gRPC probes: it would drop the handler and reject the probe. No cluster DNS here:
        // collectors are unreachable at a closed loopback port unless a test runs one.
        options ??= new IntakeControllerOptions
        {
            GrpcProbes = false,
            StalledRetry = TimeSpan.FromSeconds(30),
            CollectorAddress = _ => new Uri("http://127.0.0.1:1"),
        };
        var runner = IntakeController.Create(client, options, new ControllerOptions { ResyncPeriod = resync, Namespaces = namespaces ?? [] }, _log);
        Health = runner.Health;
        Health.Starting = Starting;
        Health.Ending = key => _reconciling.TryRemove(key, out _);
        _run = Task.Run(() => runner.RunAsync(_stop.Token));
    }

    /// <summary>Whether its watches have listed, and its reconciles.</summary>
    public ControllerHealth Health { get; }

    /// <summary>The most reconciles that ran at once so far.</summary>
    public int MostReconcilesAtOnce => Volatile.Read(ref _mostAtOnce);

    /// <summary>How many times a reconcile started while one of the same intake still ran (never, by contract).</summary>
    public int SameIntakeAtOnce => Volatile.Read(ref _sameKeyAtOnce);

    /// <summary>Its warnings and errors so far, for assertion messages.</summary>
    public string Log => _log.Text;

    /// <summary>The API writes it made so far into namespace <paramref name="ns"/> (none recorded when given a client).</summary>
    public IReadOnlyList<string> WritesIn(string ns) => _requests?.WritesIn(ns) ?? [];

    /// <summary>How many reconciles of intakes in namespace <paramref name="ns"/> it started so far.</summary>
    public int ReconcilesIn(string ns) => _requests?.ReconcilesIn(ns) ?? 0;

    /// <summary>
    /// Whether it has caught up in namespace <paramref name="ns"/>: it reconciled there, and no reconcile runs
    /// now. Writes are made by reconciles only, and the echo of its own write wakes nothing (its cache holds
    /// every write as answered): no further reconcile has to follow the last one.
    /// </summary>
    public bool SettledIn(string ns) => ReconcilesIn(ns) > 0 && Health.LongestReconcile == TimeSpan.Zero;

    /// <summary>The reconciles of intakes in namespace <paramref name="ns"/> that failed so far.</summary>
    public int FailedReconcilesIn(string ns) =>
        _log.Text.Split('\n').Count(line => line.Contains("reconcile of", StringComparison.Ordinal) && line.Contains($" {ns}/", StringComparison.Ordinal));

    /// <summary>
    /// Starts the controller as the operator's identity; <paramref name="resync"/> defaults to 10 minutes
    /// (no resync during a test).
    /// </summary>
    public static async Task<RunningOperator> StartAsync(
        ControlPlaneFixture cluster, TimeSpan? resync = null, IntakeControllerOptions? options = null, IReadOnlyList<string>? namespaces = null)
    {
        var identity = await OperatorIdentity.ForAsync(cluster);
        var requests = new RequestCounter();
        var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(identity.KubeconfigPath), requests);
        return new(client, requests, resync ?? TimeSpan.FromMinutes(10), options, namespaces);
    }

    /// <summary>Starts the controller with <paramref name="client"/> (not disposed), watching <paramref name="namespaces"/> (default: all).</summary>
    public static RunningOperator StartAs(IKubernetes client, IReadOnlyList<string>? namespaces = null) =>
        new(client, null, TimeSpan.FromMinutes(10), null, namespaces);

    private void Starting(string key)
    {
        _requests?.Reconciling(key);
        if (!_reconciling.TryAdd(key, 0))
        {
            Interlocked.Increment(ref _sameKeyAtOnce);
        }

        var now = _reconciling.Count;
        for (var most = Volatile.Read(ref _mostAtOnce); now > most; most = Volatile.Read(ref _mostAtOnce))
        {
            if (Interlocked.CompareExchange(ref _mostAtOnce, now, most) == most)
            {
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
        _ownedClient?.Dispose();
    }
}
