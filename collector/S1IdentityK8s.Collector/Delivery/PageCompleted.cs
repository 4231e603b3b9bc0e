namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// A listed page every alert of which is settled (sent, dead-lettered or already delivered), as is every
/// page before it: a watermark or cursor may move over it.
/// </summary>
/// <param name="Stamps">Each listed node's id and timestamp on the pass's field, in server order.</param>
/// <param name="HasNextPage">Whether the window goes on after this page (the last page of a run stopped early says true).</param>
public sealed record PageCompleted(IReadOnlyList<(string Id, long TimestampMs)> Stamps, bool HasNextPage) : DeliveryStep
{
    /// <summary>How many nodes the page listed.</summary>
    public int Listed => Stamps.Count;

    /// <summary>The page's greatest timestamp, or null for an empty page.</summary>
    public long? MaxTimestampMs => Stamps.Count == 0 ? null : Stamps.Max(s => s.TimestampMs);
}
