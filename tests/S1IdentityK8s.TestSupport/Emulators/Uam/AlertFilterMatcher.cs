namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>Evaluates one validated <see cref="UamFilter"/> against a stored alert.</summary>
internal static class AlertFilterMatcher
{
    public static bool Matches(StoredAlert alert, UamFilter filter)
    {
        var hit = filter.IsRange
            ? InRange(alert.TimeOf(filter.FieldId), filter)
            : alert.StringOf(filter.FieldId) is { } value && filter.Values.Contains(value, StringComparer.Ordinal);
        return hit != filter.IsNegated;
    }

    private static bool InRange(long value, UamFilter filter) =>
        (filter.Start is not { } start || (filter.StartInclusive ? value >= start : value > start))
        && (filter.End is not { } end || (filter.EndInclusive ? value <= end : value < end));
}
