namespace S1IdentityK8s.Collector.Http;

/// <summary>
/// The two shapes of wait between attempts, one rule for SentinelOne reads and Sekoia pushes: a quick first
/// retry (a lone lost request is the common fault), then a doubling wait jittered down by up to half, so
/// concurrent callers spread out.
/// </summary>
public static class RetryBackoff
{
    /// <summary>The largest share of <c>initialDelay</c> waited before the quick first retry.</summary>
    private const double QuickShare = 0.25;

    /// <summary>A random 0 to ¼ <paramref name="initialDelay"/>, for <paramref name="random"/> in [0, 1).</summary>
    public static TimeSpan Quick(TimeSpan initialDelay, double random) => initialDelay * (QuickShare * random);

    /// <summary><paramref name="initialDelay"/> × 2^<paramref name="steps"/>, capped at <paramref name="maxDelay"/>, less up to half.</summary>
    public static TimeSpan Doubling(TimeSpan initialDelay, TimeSpan maxDelay, int steps, double random)
    {
        var doubled = initialDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(steps, 0, 30));
        var capped = Math.Min(doubled, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (1 - (0.5 * random)));
    }
}
