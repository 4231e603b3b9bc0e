using Grpc.HealthCheck;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Observability;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;
using SubsystemState = S1IdentityK8s.Collector.Observability.SubsystemState;

namespace S1IdentityK8s.Collector.Api;

/// <summary>
/// Drives the standard <c>grpc.health.v1.Health</c> service from live state, on every change (no
/// polling period, so Check and Watch see a transition at once):
/// <list type="bullet">
/// <item><c>""</c> (overall, the liveness and readiness target): SERVING from startup until shutdown while
/// the poll loop runs; NOT_SERVING only once the loop has ended. A quiet tenant or a failing dependency
/// never makes it fail: restarting the pod would not fix either.</item>
/// <item><c>sentinelone</c> and <c>sekoia</c>: NOT_SERVING while their credentials are rejected or calls fail
/// in a way retrying will not fix (state Failing); SERVING otherwise, throttling and transient errors included.</item>
/// </list>
/// On shutdown every service turns NOT_SERVING, so a Watch learns the server is going away.
/// </summary>
public sealed class HealthPublisher(
    HealthServiceImpl health, SubsystemHealth sentinelOne, SubsystemHealth sekoia, IServiceProvider services,
    IHostApplicationLifetime lifetime, ILogger<HealthPublisher> logger) : IHostedService
{
    /// <summary>The overall service name.</summary>
    public const string Overall = "";

    private readonly Lock _gate = new();
    private bool _stopping;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        sentinelOne.Changed += Publish;
        sekoia.Changed += Publish;
        Publish(sentinelOne);
        Publish(sekoia);
        Set(Overall, ServingStatus.NotServing);
        lifetime.ApplicationStarted.Register(OnStarted);
        lifetime.ApplicationStopping.Register(OnStopping);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        sentinelOne.Changed -= Publish;
        sekoia.Changed -= Publish;
        return Task.CompletedTask;
    }

    /// <summary>The serving status of a dependency in <paramref name="state"/>.</summary>
    public static ServingStatus StatusOf(SubsystemHealth.Snapshot state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.CredentialsValid == false || state.State == SubsystemState.Failing ? ServingStatus.NotServing : ServingStatus.Serving;
    }

    private void OnStarted()
    {
        // Resolved now, not in the constructor: this service is itself one of the hosted services.
        var loop = services.GetServices<IHostedService>().OfType<LiveCollector>().FirstOrDefault();
        Set(Overall, ServingStatus.Serving);
        loop?.ExecuteTask?.ContinueWith(_ =>
        {
            if (!lifetime.ApplicationStopping.IsCancellationRequested)
            {
                logger.LogCritical("The poll loop has ended: reporting NOT_SERVING on the overall health service");
                Set(Overall, ServingStatus.NotServing);
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void OnStopping()
    {
        lock (_gate)
        {
            _stopping = true;
            foreach (var name in new[] { Overall, sentinelOne.Name, sekoia.Name })
            {
                health.SetStatus(name, ServingStatus.NotServing);
            }
        }
    }

    // Reads the current snapshot rather than trusting event order, so the last writer always publishes the latest state.
    private void Publish(SubsystemHealth subsystem) => Set(subsystem.Name, StatusOf(subsystem.Current));

    private void Set(string service, ServingStatus status)
    {
        lock (_gate)
        {
            if (!_stopping)
            {
                health.SetStatus(service, status);
            }
        }
    }
}
