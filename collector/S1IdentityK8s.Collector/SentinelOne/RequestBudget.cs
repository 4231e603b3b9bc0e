using S1IdentityK8s.Collector.Http;

namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>
/// The one request budget every SentinelOne call spends from, live collection and backfills alike:
/// a token bucket of <c>requestsPerSecond</c> (<see cref="RequestPace"/>), plus a gate closed until a
/// server's <c>Retry-After</c> has elapsed, so that no caller sends anything before the server said it may.
/// </summary>
public sealed class RequestBudget
{
    private readonly RequestPace _pace;
    private readonly TimeProvider _time;
    private readonly RetryAfterGate _retryAfter;

    /// <summary>Creates a budget of <paramref name="requestsPerSecond"/> (bursts up to one second's worth).</summary>
    public RequestBudget(double requestsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        _time = time;
        _retryAfter = new RetryAfterGate(time);
        // The pace runs on the machine's clock, as the rate limiter before it did: tests that drive the
        // collector's own clock by hand (retry delays, poll intervals) keep a budget that refills by itself.
        _pace = new RequestPace(requestsPerSecond, burst: Math.Max(1, (int)Math.Floor(requestsPerSecond)), TimeProvider.System);
    }

    /// <summary>When the Retry-After gate opens again (MinValue when open).</summary>
    public DateTimeOffset NotBefore => _retryAfter.NotBefore;

    /// <summary>
    /// Waits for the Retry-After gate and a token; returns with the gate open, so the caller may send now.
    /// A token granted after the gate closed (a 429 answered while this caller queued for it) is forfeited
    /// rather than spent during the hold-off: concurrent callers all wait the server's delay, and since each
    /// send follows its token at once, sends never outrun the bucket either.
    /// </summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _retryAfter.WaitAsync(cancellationToken).ConfigureAwait(false);
            await _pace.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
            if (NotBefore <= _time.GetUtcNow())
            {
                return;
            }
        }
    }

    /// <summary>Closes the gate for <paramref name="delay"/> from now (never shortens an existing close).</summary>
    public DateTimeOffset HoldOff(TimeSpan delay) => _retryAfter.HoldOff(delay);
}
