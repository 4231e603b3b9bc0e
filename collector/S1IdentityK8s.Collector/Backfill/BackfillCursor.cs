namespace S1IdentityK8s.Collector.Backfill;

/// <summary>
/// Moves a backfill's cursor over an acknowledged page. Pages come sorted by <c>detectedAt</c>, so once a
/// page is acknowledged every alert before its greatest <c>detectedAt</c> is done; alerts at exactly that
/// instant may continue on the next page, hence the ids kept with it.
/// </summary>
public static class BackfillCursor
{
    /// <summary>The cursor after a page of <paramref name="alerts"/> (id, detectedAt ms) was acknowledged.</summary>
    public static (long? CursorMs, IReadOnlyList<string> CursorIds) Advance(
        long? cursorMs, IReadOnlyList<string> cursorIds, IReadOnlyList<(string Id, long DetectedAtMs)> alerts)
    {
        ArgumentNullException.ThrowIfNull(cursorIds);
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0)
        {
            return (cursorMs, cursorIds);
        }
        var max = alerts.Max(a => a.DetectedAtMs);
        if (cursorMs is { } current && current > max)
        {
            // Never move back (a server answering out of order must not make us resend).
            return (cursorMs, cursorIds);
        }
        var atMax = alerts.Where(a => a.DetectedAtMs == max).Select(a => a.Id);
        var ids = cursorMs == max ? cursorIds.Concat(atMax) : atMax;
        return (max, ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
    }
}
