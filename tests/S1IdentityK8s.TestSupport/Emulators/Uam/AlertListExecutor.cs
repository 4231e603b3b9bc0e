namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// Runs one <c>alerts</c> query: narrows by binary search when a range filter is on the sort field, applies
/// the other filters and late visibility to that range only, then pages by keyset cursor.
/// </summary>
internal static class AlertListExecutor
{
    public static ListPage Execute(AlertStore store, UamListArguments arguments, long nowMs, UamEmulatorOptions options)
    {
        // UAM's default order is undocumented; newest first is what its console shows.
        var sortBy = arguments.SortBy ?? AlertFieldIds.DetectedAt;
        var descending = arguments.SortOrder is null or "DESC";
        var first = PageSize(arguments.First, options);

        var index = store.Index(sortBy);
        var (lo, hi) = (0, index.Items.Length);
        foreach (var range in arguments.Filters.Where(f => f.IsRange && !f.IsNegated && f.FieldId == sortBy))
        {
            var (l, h) = index.Range(range.Start, range.StartInclusive, range.End, range.EndInclusive);
            (lo, hi) = (Math.Max(lo, l), Math.Min(hi, h));
        }

        var matches = new List<StoredAlert>(Math.Max(0, hi - lo));
        for (var i = 0; i < hi - lo; i++)
        {
            var alert = index.Items[descending ? hi - 1 - i : lo + i];
            if (alert.VisibleFromMs <= nowMs && arguments.Filters.All(f => AlertFilterMatcher.Matches(alert, f)))
            {
                matches.Add(alert);
            }
        }

        var start = arguments.After is null ? 0 : FirstAfter(matches, Cursor(arguments.After, sortBy, descending));
        var count = Math.Min(first, matches.Count - start);
        return new ListPage(
            TotalCount: matches.Count,
            Items: matches.GetRange(start, count),
            SortBy: sortBy,
            Descending: descending,
            HasNextPage: start + count < matches.Count,
            HasPreviousPage: start > 0,
            NullEndCursorOnLastPage: options.NullEndCursorOnLastPage);
    }

    private static int PageSize(int? requested, UamEmulatorOptions options)
    {
        var first = requested ?? options.DefaultPageSize;
        if (first < 1)
        {
            throw GraphQLRequestException.BadInput($"\"first\" must be positive, got {first}.");
        }
        if (first > options.MaxPageSize && !options.ClampPageSize)
        {
            throw GraphQLRequestException.BadInput($"\"first\" must be at most {options.MaxPageSize}, got {first}.");
        }
        return Math.Min(first, options.MaxPageSize);
    }

    private static AlertCursor Cursor(string after, string sortBy, bool descending)
    {
        if (!AlertCursor.TryDecode(after, out var cursor))
        {
            throw GraphQLRequestException.BadInput($"Invalid cursor \"{after}\".");
        }
        if (cursor.SortBy != sortBy || cursor.Descending != descending)
        {
            throw GraphQLRequestException.BadInput("Cursor was issued for a different sort order.");
        }
        return cursor;
    }

    // Matches are in sort order, so the first one past the cursor is found by binary search.
    private static int FirstAfter(List<StoredAlert> matches, AlertCursor cursor)
    {
        int lo = 0, hi = matches.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (cursor.Precedes(matches[mid]))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
