namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// The wait after a failed collection cycle: <c>pollInterval</c> doubling per consecutive failure up to
/// <see cref="Max"/> (never below pollInterval), ±20 % jitter. A failure after progress (a chunk acknowledged
/// or a page committed during the cycle) is resumed after <see cref="Resume"/> and starts the doubling over:
/// the source answers, only not every time (a request whose every retry failed), and a backlog drain must
/// not pause for a whole <c>pollInterval</c> (60 s by default) each time that happens. No hot loop: each such
/// resumption follows progress.
/// </summary>
public sealed class CycleBackoff(TimeSpan pollInterval, Func<double>? random = null)
{
    /// <summary>Cap of the doubling wait (never below pollInterval).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    /// <summary>The wait after a failed cycle that made progress (never above pollInterval).</summary>
    public static readonly TimeSpan Resume = TimeSpan.FromSeconds(1);

    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <summary>Consecutive failed cycles without progress.</summary>
    public int Failures { get; private set; }

    /// <summary>A cycle completed: the next failure starts from the first step.</summary>
    public void Succeeded() => Failures = 0;

    /// <summary>A cycle failed, after <paramref name="progressed"/> or not: how long to wait before the next.</summary>
    public TimeSpan Failed(bool progressed)
    {
        if (progressed)
        {
            Failures = 0;
            return Jittered(Math.Min(Resume.TotalMilliseconds, pollInterval.TotalMilliseconds));
        }
        Failures++;
        var doubled = pollInterval.TotalMilliseconds * Math.Pow(2, Math.Min(Failures - 1, 16));
        var capped = Math.Min(doubled, Math.Max(Max.TotalMilliseconds, pollInterval.TotalMilliseconds));
        return Jittered(capped);
    }

    private TimeSpan Jittered(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds * (0.8 + (_random() * 0.4)));
}
