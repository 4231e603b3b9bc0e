namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>The Sekoia intake's documented limits, and our margins under them.</summary>
public static class IntakeLimits
{
    /// <summary>An event over 250 KiB is rejected by the intake and never ingested.</summary>
    public const int MaxEventBytes = 250 * 1024;

    /// <summary>
    /// Upper bound of one uncompressed request body: 9 MiB, 10 % under the 10 MiB Sekoia's SDK assumes,
    /// leaving room for the envelope.
    /// </summary>
    public const int MaxBodyBytes = 9 * 1024 * 1024;
}
