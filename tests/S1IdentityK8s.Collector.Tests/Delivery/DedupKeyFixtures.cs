namespace S1IdentityK8s.Collector.Tests.Delivery;

/// <summary>Dedup keys as a busy tenant produces them: UUID ids, updatedAt spread over one overlap window.</summary>
internal static class DedupKeyFixtures
{
    /// <summary>The overlap window the keys are spread over (the default <c>overlap</c>).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary><paramref name="count"/> distinct keys in ascending (updatedAt, id) order; the same for the same seed.</summary>
    public static List<(string Id, long UpdatedAtMs)> InOneWindow(int count, int seed = 12)
    {
        var random = new Random(seed);
        const long startMs = 1_795_000_000_000;
        var windowMs = (long)Window.TotalMilliseconds;
        Span<byte> bytes = stackalloc byte[16];
        var keys = new List<(string, long)>(count);
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            keys.Add((new Guid(bytes).ToString("D"), startMs + random.NextInt64(windowMs)));
        }
        keys.Sort((a, b) => a.Item2 != b.Item2 ? a.Item2.CompareTo(b.Item2) : string.CompareOrdinal(a.Item1, b.Item1));
        return keys;
    }
}
