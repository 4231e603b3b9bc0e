namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// The <c>sentinelOne.retry</c> section: how one idempotent UAM read (a list page, a detail batch) is retried
/// on a transient failure before the collection cycle gives up. Every attempt spends a token of
/// <c>requestsPerSecond</c>. The first retry follows within ¼ <c>initialDelay</c> (not after a 429); the delay
/// before attempt n+1 after that is <c>initialDelay</c> × 2^(n−1), capped at <c>maxDelay</c>, jittered down by
/// up to half, and never shorter than a <c>Retry-After</c> the server sent.
/// </summary>
public sealed class RetryOptions
{
    /// <summary><c>maxAttempts</c>: attempts per request, first one included, 1..20 (1 = no retry). Default 5.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary><c>initialDelay</c>: the first step of the doubling delay, &gt; 0. Default 250ms.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary><c>maxDelay</c>: cap of the doubling delay, ≥ <c>initialDelay</c>. Default 30s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
}
