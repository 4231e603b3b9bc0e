namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// The slice <c>[lo, hi)</c> of an <see cref="AlertIndex"/> seen in query order: position 0 is the first
/// alert a query returns (the lowest key when ascending, the highest when descending).
/// </summary>
internal readonly struct SortedWindow(StoredAlert[] items, int lo, int hi, bool descending)
{
    /// <summary>Alerts in the window.</summary>
    public int Count => hi - lo;

    /// <summary>The alert at <paramref name="position"/> in query order.</summary>
    public StoredAlert this[int position] => items[descending ? hi - 1 - position : lo + position];

    /// <summary>
    /// The first position whose alert comes strictly after <paramref name="cursor"/>, by binary search: the
    /// index is sorted by (key, id), the order cursors compare in.
    /// </summary>
    public int FirstAfter(AlertCursor cursor)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (cursor.Precedes(this[mid]))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return low;
    }
}
