using k8s;
using k8s.Autorest;

namespace S1IdentityK8s.Common;

/// <summary>The hand-over through KubernetesClient's <see cref="IKubernetes"/>: linked into the operator only.</summary>
internal static partial class LeaseHandOver
{
    /// <summary>
    /// Empties the holder of the Lease <paramref name="leaseName"/> if <paramref name="identity"/> still
    /// holds it; returns whether it did. Best effort, bounded by <paramref name="patience"/>: when it fails
    /// the Lease simply expires.
    /// </summary>
    public static Task<bool> TryReleaseAsync(IKubernetes client, string ns, string leaseName, string identity, TimeSpan patience) =>
        TryReleaseAsync(
            identity,
            patience,
            token => client.CoordinationV1.ReadNamespacedLeaseAsync(leaseName, ns, cancellationToken: token),
            lease => lease.Spec?.HolderIdentity,
            (lease, now, token) =>
            {
                lease.Spec.HolderIdentity = "";
                lease.Spec.LeaseDurationSeconds = ReleasedDurationSeconds;
                lease.Spec.AcquireTime = now;
                lease.Spec.RenewTime = now;
                // The apiserver keeps managedFields that an update omits: send none.
                lease.Metadata?.ManagedFields = null;
                return client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, leaseName, ns, cancellationToken: token);
            },
            e => e is HttpOperationException);
}
