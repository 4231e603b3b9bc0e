namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>
/// One page request of the UAM <c>alerts</c> list: Identity alerts whose <paramref name="Field"/> is in
/// <c>[FromMs, ToMs)</c> (epoch milliseconds), ascending, <paramref name="First"/> per page, after a cursor.
/// </summary>
public sealed record AlertQuery(AlertTimeField Field, long FromMs, long ToMs, int First, string? After = null);
