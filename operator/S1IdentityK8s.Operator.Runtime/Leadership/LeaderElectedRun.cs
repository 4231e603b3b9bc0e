using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using S1IdentityK8s.Common;

namespace S1IdentityK8s.Operator.Runtime.Leadership;

/// <summary>
/// Runs work only while this replica holds the Lease (KubernetesClient's <see cref="LeaderElector"/>).
/// Losing the Lease cancels the work and throws, so that the process exits and restarts as a follower:
/// a former leader must never keep writing. Work that fails ends the election and throws too. A
/// graceful stop cancels the work, waits for it, then releases the Lease (controller-runtime's
/// ReleaseOnCancel) so that a standby takes over at once.
/// </summary>
public static class LeaderElectedRun
{
    /// <summary>
    /// Waits for leadership, runs <paramref name="lead"/> while it lasts; throws
    /// <see cref="InvalidOperationException"/> when it is lost or the work ends by itself, and
    /// <see cref="OperationCanceledException"/> after a graceful stop.
    /// </summary>
    /// <param name="client">Reads and writes the Lease.</param>
    /// <param name="options">The Lease and its timings.</param>
    /// <param name="lead">The work of the leader; it must run until its token is cancelled.</param>
    /// <param name="cancellationToken">Stops gracefully.</param>
    /// <param name="health">Receives each election attempt's outcome and the start of leadership, when given.</param>
    public static async Task RunAsync(
        IKubernetes client, LeaderElectionOptions options, Func<CancellationToken, Task> lead, CancellationToken cancellationToken,
        IElectionObserver? health = null)
    {
        ILock lease = new LeaseLock(client, options.Namespace, options.LeaseName, options.Identity);
        var config = new LeaderElectionConfig(health is null ? lease : new ObservedLeaseLock(lease, health))
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        };
        using var elector = new LeaderElector(config);
        using var electing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? work = null;
        elector.OnStartedLeading += () =>
        {
            health?.StartedLeading();
            work = Task.Run(() => WorkAsync(lead, leading, electing), CancellationToken.None);
        };
        try
        {
            await ElectAsync(elector, options, () => work is not null, electing.Token);
        }
        catch (OperationCanceledException) when (electing.IsCancellationRequested)
        {
            // Stopped, or the work ended: both handled below.
        }

        var workEndedFirst = electing.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
        await leading.CancelAsync();
        var failure = await StopAsync(work);
        if (work is not null && (cancellationToken.IsCancellationRequested || workEndedFirst))
        {
            await LeaseHandOver.TryReleaseAsync(client, options.Namespace, options.LeaseName, options.Identity, options.RenewDeadline);
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw workEndedFirst
            ? new InvalidOperationException($"the leader's work ended: {failure?.Message ?? "it returned"}", failure)
            : new InvalidOperationException($"lost the leader election Lease {options.Namespace}/{options.LeaseName}");
    }

    // While acquiring, the elector treats only HTTP error answers as a failed attempt: any other error
    // (apiserver unreachable, a timeout) escapes it. A standby must keep trying, not exit: the election
    // resumes, and /healthz tells whether attempts still complete.
    private static async Task ElectAsync(LeaderElector elector, LeaderElectionOptions options, Func<bool> led, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await elector.RunUntilLeadershipLostAsync(cancellationToken);
                return;
            }
            catch (Exception) when (!led() && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(options.RetryPeriod, cancellationToken);
            }
        }
    }

    // The leader's work; when it ends by itself (a fault) it ends the election too, so the Lease is not held idly.
    private static async Task WorkAsync(Func<CancellationToken, Task> lead, CancellationTokenSource leading, CancellationTokenSource electing)
    {
        try
        {
            await lead(leading.Token);
        }
        finally
        {
            if (!leading.IsCancellationRequested)
            {
                await electing.CancelAsync();
            }
        }
    }

    private static async Task<Exception?> StopAsync(Task? work)
    {
        try
        {
            await (work ?? Task.CompletedTask);
            return null;
        }
        catch (Exception e)
        {
            // A cancelled work stops because leadership ended; that is the point. Anything else is its fault.
            return e is OperationCanceledException ? null : e;
        }
    }
}
