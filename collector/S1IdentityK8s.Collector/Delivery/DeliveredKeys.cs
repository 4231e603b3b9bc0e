namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// The dedup window: <c>(id, updatedAt)</c> of every alert version delivered inside the overlap window.
/// A key is pruned once its updatedAt falls behind every watermark minus the overlap: from then on no
/// query can return that version again, since updatedAt ≥ detectedAt and both windows start there.
/// Safe for concurrent use: the delivery pipeline reads it while the collection loop commits.
/// </summary>
public sealed class DeliveredKeys
{
    private readonly Lock _gate = new();
    private readonly HashSet<(string Id, long UpdatedAtMs)> _keys = [];

    /// <summary>How many keys are held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _keys.Count;
            }
        }
    }

    /// <summary>Whether this version of the alert was already delivered.</summary>
    public bool Contains(string id, long updatedAtMs)
    {
        lock (_gate)
        {
            return _keys.Contains((id, updatedAtMs));
        }
    }

    /// <summary>Records a delivered version; returns false when it was already there.</summary>
    public bool Add(string id, long updatedAtMs)
    {
        lock (_gate)
        {
            return _keys.Add((id, updatedAtMs));
        }
    }

    /// <summary>Drops keys whose updatedAt is before <paramref name="thresholdMs"/>; returns how many.</summary>
    public int PruneBefore(long thresholdMs)
    {
        lock (_gate)
        {
            return _keys.RemoveWhere(k => k.UpdatedAtMs < thresholdMs);
        }
    }

    /// <summary>The keys, for persisting, in a stable order.</summary>
    public IReadOnlyList<(string Id, long UpdatedAtMs)> Snapshot()
    {
        List<(string Id, long UpdatedAtMs)> copy;
        lock (_gate)
        {
            copy = [.. _keys];
        }
        copy.Sort((a, b) => a.UpdatedAtMs != b.UpdatedAtMs ? a.UpdatedAtMs.CompareTo(b.UpdatedAtMs) : string.CompareOrdinal(a.Id, b.Id));
        return copy;
    }
}
