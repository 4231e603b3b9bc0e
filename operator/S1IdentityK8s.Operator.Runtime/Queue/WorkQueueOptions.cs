namespace S1IdentityK8s.Operator.Runtime.Queue;

/// <summary>How a <see cref="WorkQueue"/> schedules keys.</summary>
public sealed class WorkQueueOptions
{
    /// <summary>
    /// Keys reconciled at once (never one key twice at once), controller-runtime's MaxConcurrentReconciles.
    /// A reconcile mostly waits for the apiserver: 500 intakes applied at once need more than a handful.
    /// Defaults to 16.
    /// </summary>
    public int Workers { get; init; } = 16;

    /// <summary>First retry delay after a failure; doubles on each further failure of the key. Defaults to 200ms.</summary>
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest retry delay after repeated failures. Defaults to 5 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries started per second over all keys (token bucket refill); a change is never delayed. Defaults to 20.</summary>
    public int RatePerSecond { get; init; } = 20;

    /// <summary>Retries that may start at once before the rate applies (token bucket size). Defaults to 100.</summary>
    public int Burst { get; init; } = 100;
}
