namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// The wait after a failed collection cycle: <c>pollInterval</c> doubling per consecutive failure up to
/// <see cref="Max"/> (never below pollInterval), ±20 % jitter. A failure after progress (a chunk acknowledged
/// or a page committed during the cycle) starts over from the first step: the source answers, only not
/// every time, and a drain that keeps moving must not slow to the pace of an outage.
/// </summary>
public sealed class CycleBackoff(TimeSpan pollInterval, Func<double>? random = null)
{
    /// <summary>Cap of the doubling wait (never below pollInterval).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <summary>Consecutive failed cycles, counting from the last one that made progress.</summary>
    public int Failures { get; private set; }

    /// <summary>A cycle completed: the next failure starts from the first step.</summary>
    public void Succeeded() => Failures = 0;

    /// <summary>A cycle failed, after <paramref name="progressed"/> or not: how long to wait before the next.</summary>
    public TimeSpan Failed(bool progressed)
    {
        Failures = progressed ? 1 : Failures + 1;
        var doubled = pollInterval.TotalMilliseconds * Math.Pow(2, Math.Min(Failures - 1, 16));
        var capped = Math.Min(doubled, Math.Max(Max.TotalMilliseconds, pollInterval.TotalMilliseconds));
        return TimeSpan.FromMilliseconds(capped * (0.8 + (_random() * 0.4)));
    }
}
