using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Common;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// Leader election on one coordination.k8s.io Lease, with client-go's (and KubernetesClient's
/// <c>LeaderElector</c>'s) semantics, which KubernetesClient.Aot does not ship: try every
/// <see cref="LeaderElectionTiming.RetryPeriod"/> to take the Lease; another holder's claim counts until it
/// has gone unchanged for <see cref="LeaderElectionTiming.LeaseDuration"/> as this process observed it
/// (no clock comparison across machines), an empty holder (a released Lease) not at all; once held, renew
/// every retry period, and give up when no renewal succeeded for <see cref="LeaderElectionTiming.RenewDeadline"/>.
/// Every write carries the resourceVersion read, so two contenders never both win.
/// </summary>
internal sealed class LeaseElector(IKubernetes client, KubernetesOptions options, LeaderElectionTiming timing)
{
    private string? _observedHolder;
    private string? _observedVersion;
    private long _observedAt;
    private bool _leading;

    /// <summary>Called with the holder's identity each time it changes as observed (this process included).</summary>
    public Action<string> HolderChanged { get; init; } = _ => { };

    /// <summary>
    /// Waits for the Lease, calls <paramref name="acquired"/>, then renews it until a renewal deadline passes
    /// (returns: the Lease is lost) or <paramref name="cancellationToken"/> is cancelled (throws).
    /// </summary>
    public async Task RunUntilLostAsync(Action acquired, CancellationToken cancellationToken)
    {
        while (!await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(timing.RetryPeriod, cancellationToken).ConfigureAwait(false);
        }
        acquired();
        var lastRenewal = Stopwatch.GetTimestamp();
        while (true)
        {
            await Task.Delay(timing.RetryPeriod, cancellationToken).ConfigureAwait(false);
            if (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
            {
                lastRenewal = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(lastRenewal) >= timing.RenewDeadline)
            {
                _leading = false;
                return;
            }
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        try
        {
            V1Lease lease;
            try
            {
                lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(options.LeaseName, options.Namespace, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                var created = await client.CoordinationV1.CreateNamespacedLeaseAsync(NewLease(now), options.Namespace, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                Observe(created);
                return _leading = true;
            }
            Observe(lease);
            var spec = lease.Spec ??= new V1LeaseSpec();
            var heldByOther = !string.IsNullOrEmpty(spec.HolderIdentity) && spec.HolderIdentity != options.Identity;
            if (heldByOther && Stopwatch.GetElapsedTime(_observedAt) < timing.LeaseDuration)
            {
                return false;
            }
            if (spec.HolderIdentity != options.Identity || !_leading)
            {
                spec.AcquireTime = now;
                spec.LeaseTransitions = (spec.LeaseTransitions ?? 0) + (spec.HolderIdentity == options.Identity ? 0 : 1);
            }
            spec.HolderIdentity = options.Identity;
            spec.LeaseDurationSeconds = (int)timing.LeaseDuration.TotalSeconds;
            spec.RenewTime = now;
            WithoutManagedFields(lease);
            var replaced = await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.LeaseName, options.Namespace, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            Observe(replaced);
            return _leading = true;
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A conflict (someone else wrote it first), a refusal or an unreachable apiserver: try again later.
            return false;
        }
    }

    // The holder's claim ages from when this process last saw the Lease change, as in client-go.
    private void Observe(V1Lease lease)
    {
        if (lease.Metadata?.ResourceVersion != _observedVersion)
        {
            _observedVersion = lease.Metadata?.ResourceVersion;
            _observedAt = Stopwatch.GetTimestamp();
        }
        var holder = lease.Spec?.HolderIdentity ?? "";
        if (holder != _observedHolder)
        {
            _observedHolder = holder;
            if (holder.Length > 0)
            {
                HolderChanged(holder);
            }
        }
    }

    /// <summary>
    /// Drops the managedFields read with <paramref name="lease"/> before it is written back: the apiserver keeps
    /// them when an update omits them, and KubernetesClient.Aot cannot serialise their untyped <c>fieldsV1</c>.
    /// </summary>
    public static V1Lease WithoutManagedFields(V1Lease lease)
    {
        lease.Metadata?.ManagedFields = null;
        return lease;
    }

    private V1Lease NewLease(DateTime now) => new()
    {
        Metadata = new V1ObjectMeta { Name = options.LeaseName, NamespaceProperty = options.Namespace },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = options.Identity,
            LeaseDurationSeconds = (int)timing.LeaseDuration.TotalSeconds,
            AcquireTime = now,
            RenewTime = now,
            LeaseTransitions = 0,
        },
    };
}
