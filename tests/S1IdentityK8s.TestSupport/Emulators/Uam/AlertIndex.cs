using System.Collections.Concurrent;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// An immutable snapshot of the stored alerts sorted ascending by one time field, ties broken by id
/// (ordinal), so ranges are found by binary search and paging order is deterministic.
/// </summary>
internal sealed class AlertIndex
{
    private readonly long[] _keys;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public AlertIndex(IEnumerable<StoredAlert> alerts, string timeField)
    {
        TimeField = timeField;
        Items = alerts.OrderBy(a => a.TimeOf(timeField)).ThenBy(a => a.Id, StringComparer.Ordinal).ToArray();
        _keys = Array.ConvertAll(Items, a => a.TimeOf(timeField));
        LatestVisibleFromMs = Items.Length == 0 ? long.MinValue : Items.Max(a => a.VisibleFromMs);
    }

    /// <summary>When the last late-indexed alert of this snapshot becomes visible (epoch ms).</summary>
    public long LatestVisibleFromMs { get; }

    public string TimeField { get; }

    public StoredAlert[] Items { get; }

    /// <summary>The half-open index range <c>[Lo, Hi)</c> of alerts whose key lies within the bounds.</summary>
    public (int Lo, int Hi) Range(long? start, bool startInclusive, long? end, bool endInclusive)
    {
        var lo = start is { } s ? LowerBound(startInclusive ? s : s + 1) : 0;
        var hi = end is { } e ? LowerBound(endInclusive ? e + 1 : e) : _keys.Length;
        return (lo, Math.Max(lo, hi));
    }

    /// <summary>
    /// <paramref name="count"/>'s result for <paramref name="key"/>, computed once per snapshot: callers use it
    /// only for counts that cannot change while the snapshot lives.
    /// </summary>
    public int CountOnce(string key, Func<int> count) => _counts.GetOrAdd(key, _ => count());

    // First index whose key is >= value.
    private int LowerBound(long value)
    {
        int lo = 0, hi = _keys.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (_keys[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
