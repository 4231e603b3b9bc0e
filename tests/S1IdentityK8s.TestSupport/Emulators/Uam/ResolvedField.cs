namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>A root field with its result: a page for <c>alerts</c>, the alert (or null) for <c>alert(id)</c>.</summary>
internal sealed record ResolvedField(RootField Field, ListPage? Page, StoredAlert? Alert)
{
    /// <summary>
    /// Resolves every field before anything is written, so an argument error fails the whole request
    /// instead of leaving half a response.
    /// </summary>
    public static IReadOnlyList<ResolvedField> ResolveAll(IReadOnlyList<RootField> fields, AlertStore store, long nowMs,
        UamEmulatorOptions options) =>
        fields.Select(field => field switch
        {
            { List: { } list } => new ResolvedField(field, AlertListExecutor.Execute(store, list, nowMs, options), null),
            { DetailId: { } id } => new ResolvedField(field, null, store.Get(id) is { } a && a.VisibleFromMs <= nowMs ? a : null),
            _ => new ResolvedField(field, null, null),
        }).ToList();

    /// <summary>Alerts this field returns: edges of a page, or 1 for a found detail.</summary>
    public int AlertCount => Page?.Items.Count ?? (Alert is null ? 0 : 1);
}
