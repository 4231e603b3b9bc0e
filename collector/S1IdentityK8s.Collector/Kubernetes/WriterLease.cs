using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Hosting;
using S1IdentityK8s.Common;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// Holds the intake's Lease (<see cref="LeaseElector"/>) so that exactly one collector
/// writes its checkpoint, even when a rollout briefly runs two pods. Winning opens the <see cref="WriterGate"/>;
/// losing the Lease stops the process (exit 1): a restart re-reads the checkpoint and waits its turn,
/// which is safer than carrying on with state another writer may have moved.
/// </summary>
public sealed class WriterLease(
    KubeApiClient client, KubernetesOptions options, WriterGate gate, FatalExit fatal, ILogger<WriterLease> logger)
    : BackgroundService
{
    // How long a graceful stop may spend handing the Lease over (else it expires).
    private static readonly TimeSpan HandOverPatience = TimeSpan.FromSeconds(5);

    /// <summary>Lease timing (defaults 15s / 10s / 2s, as controller-runtime).</summary>
    internal LeaderElectionTiming Timing { get; init; } = LeaderElectionTiming.Defaults;

    private Task<bool> ReleaseAsync() => LeaseHandOver.TryReleaseAsync(
        options.Identity,
        HandOverPatience,
        token => client.ReadLeaseAsync(options.Namespace, options.LeaseName, token),
        lease => lease.Spec?.HolderIdentity,
        (lease, now, token) =>
        {
            lease.Spec!.HolderIdentity = "";
            lease.Spec.LeaseDurationSeconds = LeaseHandOver.ReleasedDurationSeconds;
            lease.Spec.AcquireTime = MicroTime.Format(now);
            lease.Spec.RenewTime = MicroTime.Format(now);
            return client.ReplaceLeaseAsync(options.Namespace, options.LeaseName, lease.WithoutManagedFields(), token);
        },
        e => e is KubeApiException);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var elector = new LeaseElector(client, options, Timing)
        {
            HolderChanged = holder => logger.LogInformation("Lease {Lease} is held by {Holder}", options.LeaseName, holder),
        };
        logger.LogInformation("Waiting for Lease {Namespace}/{Lease} as {Identity}", options.Namespace, options.LeaseName, options.Identity);
        try
        {
            await elector.RunUntilLostAsync(() =>
            {
                logger.LogInformation("Holding Lease {Namespace}/{Lease} as {Identity}: collecting", options.Namespace, options.LeaseName, options.Identity);
                gate.Open();
            }, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping. Hosted services stop in reverse order, so collection and backfills (registered after
            // this) have already written their last checkpoint: hand the Lease over now.
        }
        if (stoppingToken.IsCancellationRequested)
        {
            if (gate.IsOpen && await ReleaseAsync())
            {
                logger.LogInformation("Released Lease {Namespace}/{Lease}", options.Namespace, options.LeaseName);
            }
        }
        else
        {
            logger.LogCritical("Lost Lease {Namespace}/{Lease}: stopping so that a restart resumes from the stored checkpoint",
                options.Namespace, options.LeaseName);
            fatal.Stop($"Lost Lease {options.Namespace}/{options.LeaseName}: exiting so that a restart resumes from the stored checkpoint");
        }
    }
}
