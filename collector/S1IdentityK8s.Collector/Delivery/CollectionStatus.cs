using S1IdentityK8s.Collector.Observability;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// The live view of collection that metrics, gRPC status and health read: the last committed checkpoint's
/// figures plus loop state. Updated by the collection loop; <see cref="Changed"/> fires after each update.
/// </summary>
public sealed class CollectionStatus
{
    private readonly ObservableState<Snapshot> _state = new(new Snapshot(null, null, null, 0, 0, 0, false, null));

    /// <summary>Creates the status before the first checkpoint is loaded.</summary>
    public CollectionStatus() => _state.Changed += _ => Changed?.Invoke();

    /// <summary>Raised after every update, outside the lock.</summary>
    public event Action? Changed;

    /// <summary>The current figures.</summary>
    public Snapshot Current => _state.Current;

    /// <summary>Publishes a freshly committed checkpoint.</summary>
    public void Committed(Checkpoint checkpoint) => Update(s => s with
    {
        DetectedWatermarkMs = checkpoint.DetectedWatermarkMs,
        UpdatedWatermarkMs = checkpoint.UpdatedWatermarkMs,
        CommittedAt = checkpoint.CommittedAt,
        ForwardedTotal = checkpoint.ForwardedTotal,
        DeadLetteredTotal = checkpoint.DeadLetteredTotal,
    });

    /// <summary>Counts list nodes read.</summary>
    public void Fetched(int count) => Update(s => s with { FetchedTotal = s.FetchedTotal + count });

    /// <summary>Records whether polling is suspended.</summary>
    public void SetSuspended(bool suspended) => Update(s => s with { Suspended = suspended });

    /// <summary>Records the last cycle's failure (null after a clean cycle).</summary>
    public void SetLastCycleError(string? error) => Update(s => s with { LastCycleError = error });

    private void Update(Func<Snapshot, Snapshot> change) => _state.Update(change);

    /// <summary>An immutable view of collection.</summary>
    public sealed record Snapshot(
        long? DetectedWatermarkMs,
        long? UpdatedWatermarkMs,
        DateTimeOffset? CommittedAt,
        long FetchedTotal,
        long ForwardedTotal,
        long DeadLetteredTotal,
        bool Suspended,
        string? LastCycleError);
}
