using k8s;
using k8s.Autorest;
using S1IdentityK8s.Collector.Configuration;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// client-go's ReleaseOnCancel for the writer Lease: a collector that stops gracefully (a Recreate roll,
/// a Secret rotation) empties the holder once its last checkpoint is written, so the next pod starts at
/// once instead of waiting out the Lease.
/// </summary>
internal static class LeaseHandOver
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>Empties the Lease's holder if it is still <paramref name="options"/>' identity; best effort (else it expires).</summary>
    public static async Task<bool> TryReleaseAsync(IKubernetes client, KubernetesOptions options)
    {
        using var deadline = new CancellationTokenSource(Patience);
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(options.LeaseName, options.Namespace, cancellationToken: deadline.Token);
            if (lease.Spec?.HolderIdentity != options.Identity)
            {
                return false;
            }

            // The read's resourceVersion makes the replace fail if anyone wrote the Lease since: a new holder stays.
            var now = DateTime.UtcNow;
            lease.Spec.HolderIdentity = "";
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = now;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(LeaseElector.WithoutManagedFields(lease), options.LeaseName, options.Namespace, cancellationToken: deadline.Token);
            return true;
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }
}
