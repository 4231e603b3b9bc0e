using k8s;
using k8s.Autorest;

namespace S1IdentityK8s.Common;

/// <summary>
/// client-go's ReleaseOnCancel: a holder that stops gracefully empties the Lease's holder, so the next
/// candidate (a standby operator, the next collector pod) takes it at its next attempt instead of waiting
/// for the Lease to expire. Shared by the operator and the collector (linked source, docs/development.md).
/// </summary>
internal static class LeaseHandOver
{
    /// <summary>
    /// Empties the holder of the Lease <paramref name="leaseName"/> if <paramref name="identity"/> still
    /// holds it; returns whether it did. Best effort, bounded by <paramref name="patience"/>: when it fails
    /// the Lease simply expires.
    /// </summary>
    public static async Task<bool> TryReleaseAsync(IKubernetes client, string ns, string leaseName, string identity, TimeSpan patience)
    {
        using var deadline = new CancellationTokenSource(patience);
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(leaseName, ns, cancellationToken: deadline.Token).ConfigureAwait(false);
            if (lease.Spec?.HolderIdentity != identity)
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
            // The apiserver keeps managedFields that an update omits, and KubernetesClient.Aot cannot
            // serialise their untyped fieldsV1: send none.
            lease.Metadata?.ManagedFields = null;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, leaseName, ns, cancellationToken: deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }
}
