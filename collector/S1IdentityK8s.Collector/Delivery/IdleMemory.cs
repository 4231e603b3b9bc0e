namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// Gives memory back to the system when collection goes quiet, as the JVM's periodic GC does for idle
/// services: one collector runs per intake and spends nearly all its life waiting for the next poll, while
/// the GC keeps whatever a cycle (or start-up) committed until the next allocation-triggered collection,
/// which an idle process does not make. One aggressive, compacting collection per quiet spell is a few
/// milliseconds for a heap of this size.
/// </summary>
public static class IdleMemory
{
    /// <summary>Quiet spells shorter than this (a busy drain's back-to-back cycles) keep their memory.</summary>
    public static readonly TimeSpan WorthTrimming = TimeSpan.FromSeconds(10);

    /// <summary>Returns free memory to the system when the collector is about to wait <paramref name="quiet"/> (infinite: suspended).</summary>
    public static void TrimBefore(TimeSpan quiet)
    {
        if (quiet == Timeout.InfiniteTimeSpan || quiet >= WorthTrimming)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }
}
