using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;

namespace S1IdentityK8s.Operator.Runtime;

/// <summary>
/// Runs work only while this replica holds the Lease (KubernetesClient's <see cref="LeaderElector"/>).
/// Losing the Lease cancels the work and throws, so that the process exits and restarts as a follower:
/// a former leader must never keep writing.
/// </summary>
public static class LeaderElectedRun
{
    /// <summary>Waits for leadership, runs <paramref name="lead"/> while it lasts; throws when it is lost.</summary>
    public static async Task RunAsync(
        IKubernetes client, LeaderElectionOptions options, Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        var config = new LeaderElectionConfig(new LeaseLock(client, options.Namespace, options.LeaseName, options.Identity))
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        };
        using var elector = new LeaderElector(config);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task work = Task.CompletedTask;
        elector.OnStartedLeading += () => work = Task.Run(() => lead(leading.Token), CancellationToken.None);
        await elector.RunUntilLeadershipLostAsync(cancellationToken);
        await leading.CancelAsync();
        try
        {
            await work;
        }
        catch (OperationCanceledException)
        {
            // The work stops because leadership ended; that is the point.
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException($"lost the leader election Lease {options.Namespace}/{options.LeaseName}");
    }
}
