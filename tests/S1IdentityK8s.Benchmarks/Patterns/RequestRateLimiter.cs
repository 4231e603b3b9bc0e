using System.Diagnostics;

namespace S1IdentityK8s.Benchmarks.Patterns;

/// <summary>
/// A token bucket of <c>requestsPerSecond</c> tokens refilled continuously, bursts up to one second's worth:
/// the semantics of Sekoia's <c>AsyncLimiter(max_rate=25, time_period=1)</c> and of the collector's
/// <c>RequestBudget</c>, re-implemented so the comparison patterns share no code with the collector.
/// </summary>
public sealed class RequestRateLimiter
{
    private readonly Lock _lock = new();
    private readonly double _perSecond;
    private readonly double _capacity;
    private double _tokens;
    private long _refilled = Stopwatch.GetTimestamp();

    /// <summary>A full bucket of <paramref name="requestsPerSecond"/>.</summary>
    public RequestRateLimiter(double requestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        _perSecond = requestsPerSecond;
        _capacity = Math.Max(1, Math.Floor(requestsPerSecond));
        _tokens = _capacity;
    }

    /// <summary>Returns once a token was taken.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = Stopwatch.GetTimestamp();
                _tokens = Math.Min(_capacity, _tokens + (Stopwatch.GetElapsedTime(_refilled, now).TotalSeconds * _perSecond));
                _refilled = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }
                wait = TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
            }
            await Task.Delay(wait, cancellationToken);
        }
    }
}
