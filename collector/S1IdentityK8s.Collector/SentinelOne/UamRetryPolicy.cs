using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Http;

namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>
/// Retries one idempotent UAM read (a list page, a detail batch) on transient failures: bounded attempts,
/// a quick first retry, then exponential backoff with jitter, never sooner than the server's <c>Retry-After</c>. Only when the attempts
/// are exhausted does the failure reach the collection cycle, which then restarts from its checkpoint: one
/// flaky request must not cost the pages already read. Refused credentials and refused queries are not
/// retried here: repeating them hot cannot help (the cycle waits <c>credentialsRetryInterval</c> instead).
/// </summary>
public sealed class UamRetryPolicy(RetryOptions options, TimeProvider time, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <summary>A policy of one attempt (no retry), for callers that retry on their own.</summary>
    public static UamRetryPolicy None => new(new RetryOptions { MaxAttempts = 1 }, TimeProvider.System);

    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts => options.MaxAttempts;

    /// <summary>Raised before each retry with the failure, the attempt that failed (1-based) and the delay.</summary>
    public event Action<UamException, int, TimeSpan>? Retrying;

    /// <summary>Whether a failure of this kind may go away by itself: server trouble, throttling, network.</summary>
    public static bool IsTransient(UamException failure) =>
        failure.Kind is UamFailureKind.Unavailable or UamFailureKind.Throttled or UamFailureKind.Transport;

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds, fails for good, or <see cref="MaxAttempts"/> attempts
    /// failed transiently (the last failure is thrown).
    /// </summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var failed = 0;
        while (true)
        {
            try
            {
                return await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (UamException e) when (IsTransient(e) && ++failed < options.MaxAttempts)
            {
                var delay = DelayAfter(failed, e.Kind, e.RetryAfter);
                Retrying?.Invoke(e, failed, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The wait after the <paramref name="failed"/>-th failed attempt. The first retry comes quickly, after a
    /// random 0 to ¼ <c>initialDelay</c>: a lone lost request is the common fault, and the listing is
    /// sequential, so a long first wait would stall the whole drain for it (every attempt still spends a token
    /// of the request budget, so quick is never hot). A second failure in a row means trouble: then
    /// <c>initialDelay</c> × 2^(failed−2) capped at <c>maxDelay</c> (× 2^(failed−1) after a throttled answer,
    /// which gets no quick retry), of which a random half at most is taken off (so concurrent callers spread
    /// out). Never less than <paramref name="retryAfter"/>.
    /// </summary>
    public TimeSpan DelayAfter(int failed, UamFailureKind kind, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failed);
        // After a quick first retry the doubling starts at initialDelay one failure later: the quick retry
        // took the place of the first wait.
        var backoff = kind == UamFailureKind.Throttled
            ? RetryBackoff.Doubling(options.InitialDelay, options.MaxDelay, failed - 1, _random())
            : failed == 1
                ? RetryBackoff.Quick(options.InitialDelay, _random())
                : RetryBackoff.Doubling(options.InitialDelay, options.MaxDelay, failed - 2, _random());
        return retryAfter is { } server && server > backoff ? server : backoff;
    }
}
