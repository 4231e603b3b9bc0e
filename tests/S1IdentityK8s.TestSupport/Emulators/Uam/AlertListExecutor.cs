namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// Runs one <c>alerts</c> query: narrows by binary search when a range filter is on the sort field, finds the
/// cursor's position in that range by binary search too, then applies the other filters and late
/// visibility only to the alerts it walks past: a page costs its own size, not the size of the range, so a
/// million-alert backlog pages in linear time. <c>totalCount</c> is counted once per snapshot and filter
/// set while every alert is visible (it cannot change then), otherwise on each query.
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
        var window = new SortedWindow(index.Items, lo, Math.Max(lo, hi), descending);
        bool Matches(StoredAlert alert) =>
            alert.VisibleFromMs <= nowMs && arguments.Filters.All(f => AlertFilterMatcher.Matches(alert, f));

        var start = arguments.After is null ? 0 : window.FirstAfter(Cursor(arguments.After, sortBy, descending));
        if (options.InclusiveCursors && arguments.After is not null)
        {
            // Back to the first alert at the cursor's key: it and its ties were on the page the cursor ended.
            var key = Cursor(arguments.After, sortBy, descending).Key;
            var repeated = 0;
            while (start > 0 && window[start - 1].TimeOf(sortBy) == key)
            {
                start--;
                repeated += Matches(window[start]) ? 1 : 0;
            }
            store.CountRepeatedEdges(repeated);
        }
        var items = new List<StoredAlert>(Math.Min(first, window.Count - start));
        var position = start;
        for (; position < window.Count && items.Count < first; position++)
        {
            if (Matches(window[position]))
            {
                items.Add(window[position]);
            }
        }
        var hasNext = false;
        for (; position < window.Count && !hasNext; position++)
        {
            hasNext = Matches(window[position]);
        }
        var hasPrevious = false;
        for (var before = start - 1; before >= 0 && !hasPrevious; before--)
        {
            hasPrevious = Matches(window[before]);
        }
        return new ListPage(
            TotalCount: TotalCount(index, arguments.Filters, window, nowMs, Matches),
            Items: items,
            SortBy: sortBy,
            Descending: descending,
            HasNextPage: hasNext,
            HasPreviousPage: hasPrevious,
            NullEndCursorOnLastPage: options.NullEndCursorOnLastPage);
    }

    private static int TotalCount(AlertIndex index, IReadOnlyList<UamFilter> filters, SortedWindow window, long nowMs,
        Func<StoredAlert, bool> matches)
    {
        int Count()
        {
            var total = 0;
            for (var i = 0; i < window.Count; i++)
            {
                total += matches(window[i]) ? 1 : 0;
            }
            return total;
        }

        // Late-indexed alerts still hidden make the count depend on the clock: no caching then.
        return nowMs >= index.LatestVisibleFromMs ? index.CountOnce(FilterKey(filters), Count) : Count();
    }

    private static string FilterKey(IReadOnlyList<UamFilter> filters) => string.Join('\u001f', filters.Select(f => string.Join('\u001e',
        f.FieldId, f.Operator, f.IsNegated, string.Join('\u001d', f.Values), f.Start, f.StartInclusive, f.End, f.EndInclusive)));

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
}
