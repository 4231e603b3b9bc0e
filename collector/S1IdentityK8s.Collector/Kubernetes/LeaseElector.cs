using System.Diagnostics;
using System.Net;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Common;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// Leader election on one coordination.k8s.io Lease, with client-go's (and KubernetesClient's
/// <c>LeaderElector</c>'s) semantics (the collector has no KubernetesClient: see <see cref="KubeApiClient"/>): try every
/// <see cref="LeaderElectionTiming.RetryPeriod"/> to take the Lease; another holder's claim counts until it
/// has gone unchanged for <see cref="LeaderElectionTiming.LeaseDuration"/> as this process observed it
/// (no clock comparison across machines), an empty holder (a released Lease) not at all; once held, renew
/// every retry period, and give up when no renewal succeeded for <see cref="LeaderElectionTiming.RenewDeadline"/>.
/// Every write carries the resourceVersion read, so two contenders never both win.
/// </summary>
internal sealed class LeaseElector(KubeApiClient client, KubernetesOptions options, LeaderElectionTiming timing)
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
            LeaseObject lease;
            try
            {
                lease = await client.ReadLeaseAsync(options.Namespace, options.LeaseName, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                var created = await client.CreateLeaseAsync(options.Namespace, NewLease(now), cancellationToken).ConfigureAwait(false);
                Observe(created);
                return _leading = true;
            }
            Observe(lease);
            var spec = lease.Spec ??= new LeaseSpecObject();
            var heldByOther = !string.IsNullOrEmpty(spec.HolderIdentity) && spec.HolderIdentity != options.Identity;
            if (heldByOther && Stopwatch.GetElapsedTime(_observedAt) < timing.LeaseDuration)
            {
                return false;
            }
            if (spec.HolderIdentity != options.Identity || !_leading)
            {
                spec.AcquireTime = MicroTime.Format(now);
                spec.LeaseTransitions = (spec.LeaseTransitions ?? 0) + (spec.HolderIdentity == options.Identity ? 0 : 1);
            }
            spec.HolderIdentity = options.Identity;
            spec.LeaseDurationSeconds = (int)timing.LeaseDuration.TotalSeconds;
            spec.RenewTime = MicroTime.Format(now);
            var replaced = await client.ReplaceLeaseAsync(options.Namespace, options.LeaseName, lease.WithoutManagedFields(), cancellationToken)
                .ConfigureAwait(false);
            Observe(replaced);
            return _leading = true;
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A conflict (someone else wrote it first), a refusal or an unreachable apiserver: try again later.
            return false;
        }
    }

    // The holder's claim ages from when this process last saw the Lease change, as in client-go.
    private void Observe(LeaseObject lease)
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

    private LeaseObject NewLease(DateTime now) => new()
    {
        Metadata = new KubeObjectMeta { Name = options.LeaseName, Namespace = options.Namespace },
        Spec = new LeaseSpecObject
        {
            HolderIdentity = options.Identity,
            LeaseDurationSeconds = (int)timing.LeaseDuration.TotalSeconds,
            AcquireTime = MicroTime.Format(now),
            RenewTime = MicroTime.Format(now),
            LeaseTransitions = 0,
        },
    };
}
