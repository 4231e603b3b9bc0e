namespace S1IdentityK8s.Collector.Configuration;

/// <summary>One declared backfill (<c>backfills[]</c>): re-pull alerts detected in <c>[From, To)</c>, once per <c>Name</c>.</summary>
/// <param name="Name">Idempotency key: a name already run is not run again.</param>
/// <param name="From">Inclusive start (RFC 3339 in YAML).</param>
/// <param name="To">Exclusive end, after <paramref name="From"/> by at most <c>backfillMaxSpan</c>.</param>
public sealed record BackfillRequest(string Name, DateTimeOffset From, DateTimeOffset To);
