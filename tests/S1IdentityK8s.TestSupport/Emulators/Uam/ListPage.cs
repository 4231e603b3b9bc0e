namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>One page of an <c>alerts</c> connection, in sort order, with what <c>pageInfo</c> reports.</summary>
internal sealed record ListPage(
    int TotalCount,
    IReadOnlyList<StoredAlert> Items,
    string SortBy,
    bool Descending,
    bool HasNextPage,
    bool HasPreviousPage,
    bool NullEndCursorOnLastPage)
{
    public string CursorOf(StoredAlert alert) => AlertCursor.For(alert, SortBy, Descending).Encode();

    /// <summary>The last edge's cursor; null on an empty page, and on the last page when so configured.</summary>
    public string? EndCursor =>
        Items.Count == 0 || (!HasNextPage && NullEndCursorOnLastPage) ? null : CursorOf(Items[^1]);

    public string? StartCursor => Items.Count == 0 ? null : CursorOf(Items[0]);
}
