using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using S1IdentityK8s.Operator.Controllers;
using S1IdentityK8s.Operator.Runtime;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>The intake controller running in the test process against the test cluster, until disposed.</summary>
internal sealed class RunningOperator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private RunningOperator(IKubernetes client, TimeSpan resync, IntakeControllerOptions? options, IReadOnlyList<string>? namespaces)
    {
        // v1.20 has no gRPC probes: it would drop the handler and reject the probe. No cluster DNS here:
        // collectors are unreachable at a closed loopback port unless a test runs one.
        options ??= new IntakeControllerOptions
        {
            GrpcProbes = false,
            StalledRetry = TimeSpan.FromSeconds(30),
            CollectorAddress = _ => new Uri("http://127.0.0.1:1"),
        };
        var runner = IntakeController.Create(client, options, new ControllerOptions { ResyncPeriod = resync, Namespaces = namespaces ?? [] }, NullLogger.Instance);
        _run = Task.Run(() => runner.RunAsync(_stop.Token));
    }

    /// <summary>Starts the controller; <paramref name="resync"/> defaults to 10 minutes (no resync during a test).</summary>
    public static RunningOperator Start(
        IKubernetes client, TimeSpan? resync = null, IntakeControllerOptions? options = null, IReadOnlyList<string>? namespaces = null) =>
        new(client, resync ?? TimeSpan.FromMinutes(10), options, namespaces);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
    }
}
