namespace S1IdentityK8s.Common;

/// <summary>
/// client-go's ReleaseOnCancel: a holder that stops gracefully empties the Lease's holder, so the next
/// candidate (a standby operator, the next collector pod) takes it at its next attempt instead of waiting
/// for the Lease to expire. Shared by the operator and the collector (linked source, docs/development.md);
/// each reads and writes its Lease with its own client (the operator KubernetesClient, the collector its own
/// small one), hence the delegates; the operator's overload is in LeaseHandOver.KubernetesClient.cs.
/// </summary>
internal static partial class LeaseHandOver
{
    /// <summary>client-go's release record: no holder, and a 1 s duration.</summary>
    public const int ReleasedDurationSeconds = 1;

    /// <summary>
    /// Empties the holder of a Lease if <paramref name="identity"/> still holds it; returns whether it did.
    /// Best effort, bounded by <paramref name="patience"/>: when it fails the Lease simply expires.
    /// </summary>
    /// <param name="identity">This holder's identity.</param>
    /// <param name="patience">How long reading and writing may take altogether.</param>
    /// <param name="read">Reads the Lease.</param>
    /// <param name="holderOf">The Lease's holder identity.</param>
    /// <param name="replaceReleased">
    /// Writes the Lease back with the release record (holder "", <see cref="ReleasedDurationSeconds"/>, acquire
    /// and renew times the given now) and the read's resourceVersion, so that the write fails if anyone wrote
    /// the Lease since: a new holder is never evicted.
    /// </param>
    /// <param name="isApiFailure">Whether an exception is the client's refusal or failure (a best effort gives up on it).</param>
    public static async Task<bool> TryReleaseAsync<TLease>(
        string identity,
        TimeSpan patience,
        Func<CancellationToken, Task<TLease>> read,
        Func<TLease, string?> holderOf,
        Func<TLease, DateTime, CancellationToken, Task> replaceReleased,
        Func<Exception, bool> isApiFailure)
    {
        using var deadline = new CancellationTokenSource(patience);
        try
        {
            var lease = await read(deadline.Token).ConfigureAwait(false);
            if (holderOf(lease) != identity)
            {
                return false;
            }
            await replaceReleased(lease, DateTime.UtcNow, deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (isApiFailure(e) || e is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }
}
