namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// The <c>sekoia.retry</c> section: how a <c>/batch</c> push that failed transiently (429, 5xx, a reset, a
/// timeout) is retried. There is no attempt limit (a chunk is never given up); the first re-send follows within
/// ¼ <c>initialDelay</c> (not after a 429), the delay before attempt n+1 after that is about
/// <c>initialDelay</c> × 2^(n−1), jittered, capped at <c>maxDelay</c>; never shorter than a <c>Retry-After</c>
/// the intake sent.
/// </summary>
public sealed class IntakeRetryOptions
{
    /// <summary>
    /// <c>initialDelay</c>: the first step of the doubling delay, &gt; 0. Default 250ms: a push takes a fraction of a
    /// second, so a longer first wait costs more than the failure itself when one request in a few fails.
    /// </summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary><c>maxDelay</c>: cap of the doubling delay, ≥ <c>initialDelay</c>. Default 1m.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(1);
}
