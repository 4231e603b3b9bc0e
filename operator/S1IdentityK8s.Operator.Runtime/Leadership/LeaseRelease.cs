using k8s;
using k8s.Autorest;

namespace S1IdentityK8s.Operator.Runtime.Leadership;

/// <summary>
/// controller-runtime's ReleaseOnCancel: a leader that stops gracefully empties the Lease's holder, so
/// a standby takes over at its next attempt instead of waiting for the Lease to expire.
/// </summary>
internal static class LeaseRelease
{
    /// <summary>
    /// Empties the holder of the Lease if this replica still holds it; returns whether it did. Best
    /// effort, bounded by the RenewDeadline: when it fails the Lease simply expires.
    /// </summary>
    public static async Task<bool> TryReleaseAsync(IKubernetes client, LeaderElectionOptions options)
    {
        using var deadline = new CancellationTokenSource(options.RenewDeadline);
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(options.LeaseName, options.Namespace, cancellationToken: deadline.Token);
            if (lease.Spec?.HolderIdentity != options.Identity)
            {
                return false;
            }

            // client-go's release record: no holder, a 1 s duration. The read's resourceVersion makes the
            // replace fail if anyone wrote the Lease since, so a new holder is never evicted.
            var now = DateTime.UtcNow;
            lease.Spec.HolderIdentity = "";
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.AcquireTime = now;
            lease.Spec.RenewTime = now;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.LeaseName, options.Namespace, cancellationToken: deadline.Token);
            return true;
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }
}
