namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>
/// A token bucket without a timer (the generic cell rate algorithm's virtual scheduling): each caller gets
/// the next free send time, one interval of <c>1 / perSecond</c> after the previous one, and after a quiet
/// spell up to <c>burst</c> callers go at once. Callers are served in call order, and nothing runs between
/// calls: <c>TokenBucketRateLimiter</c>'s auto-replenishment, used before, woke a thread-pool worker every
/// interval for the life of the process (10 wake-ups a second at the default budget), which was most of
/// an idle collector's CPU. A caller cancelled while waiting leaves its slot unused: the pace errs slow.
/// </summary>
public sealed class RequestPace
{
    private readonly TimeSpan _interval;
    private readonly TimeSpan _burstTolerance;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private DateTimeOffset _nextFree = DateTimeOffset.MinValue;

    /// <summary>A pace of <paramref name="perSecond"/> sends a second, <paramref name="burst"/> at once after a pause.</summary>
    public RequestPace(double perSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _interval = TimeSpan.FromSeconds(1 / perSecond);
        _burstTolerance = _interval * (burst - 1);
        _time = time;
    }

    /// <summary>Returns when the caller may send.</summary>
    public Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, _time, cancellationToken);
    }

    /// <summary>Takes the next free send time; returns how long until it comes.</summary>
    private TimeSpan Reserve()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var theoretical = _nextFree > now ? _nextFree : now;
            _nextFree = theoretical + _interval;
            var sendAt = theoretical - _burstTolerance;
            return sendAt > now ? sendAt - now : TimeSpan.Zero;
        }
    }
}
