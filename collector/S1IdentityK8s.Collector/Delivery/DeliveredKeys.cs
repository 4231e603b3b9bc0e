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
    // Each key's detectedAt when known (delivered since this process started), so a span that later covers
    // it can drop it; long.MinValue for keys read from a checkpoint, which only age out. And whether a
    // checkpoint write already left it out for size, so each key is counted once.
    private readonly Dictionary<(string Id, long UpdatedAtMs), Entry> _keys = [];

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
            return _keys.ContainsKey((id, updatedAtMs));
        }
    }

    /// <summary>Records a delivered version; returns false when it was already there.</summary>
    public bool Add(string id, long updatedAtMs, long detectedAtMs = long.MinValue)
    {
        lock (_gate)
        {
            return _keys.TryAdd((id, updatedAtMs), new Entry(detectedAtMs, LeftOut: false));
        }
    }

    /// <summary>Drops keys whose updatedAt is before <paramref name="thresholdMs"/>; returns how many.</summary>
    public int PruneBefore(long thresholdMs)
    {
        lock (_gate)
        {
            return RemoveWhere((key, _) => key.UpdatedAtMs < thresholdMs);
        }
    }

    /// <summary>Drops keys a span of <paramref name="listed"/> now implies (it moved over them); returns how many.</summary>
    public int PruneImplied(ListedSpans listed, long lagMs)
    {
        ArgumentNullException.ThrowIfNull(listed);
        lock (_gate)
        {
            return RemoveWhere((key, entry) => entry.DetectedAtMs != long.MinValue && listed.Implies(entry.DetectedAtMs, key.UpdatedAtMs, lagMs));
        }
    }

    /// <summary>
    /// Marks <paramref name="keys"/> as left out of a checkpoint write (they stay here, so this process still
    /// filters them); returns how many were not marked before, i.e. newly left out.
    /// </summary>
    public int MarkLeftOut(IEnumerable<(string Id, long UpdatedAtMs)> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var newly = 0;
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_keys.TryGetValue(key, out var entry) && !entry.LeftOut)
                {
                    _keys[key] = entry with { LeftOut = true };
                    newly++;
                }
            }
        }
        return newly;
    }

    private int RemoveWhere(Func<(string Id, long UpdatedAtMs), Entry, bool> drop)
    {
        var removed = 0;
        foreach (var (key, entry) in _keys)
        {
            // Removing the current entry while enumerating is allowed for Dictionary.
            if (drop(key, entry) && _keys.Remove(key))
            {
                removed++;
            }
        }
        return removed;
    }

    /// <summary>The keys, for persisting, in a stable order.</summary>
    public IReadOnlyList<(string Id, long UpdatedAtMs)> Snapshot()
    {
        List<(string Id, long UpdatedAtMs)> copy;
        lock (_gate)
        {
            copy = [.. _keys.Keys];
        }
        copy.Sort((a, b) => a.UpdatedAtMs != b.UpdatedAtMs ? a.UpdatedAtMs.CompareTo(b.UpdatedAtMs) : string.CompareOrdinal(a.Id, b.Id));
        return copy;
    }

    private readonly record struct Entry(long DetectedAtMs, bool LeftOut);
}
