namespace S1IdentityK8s.Operator.Runtime;

/// <summary>How a <see cref="WorkQueue"/> schedules keys.</summary>
public sealed class WorkQueueOptions
{
    /// <summary>Keys reconciled at once (never one key twice at once). Defaults to 4.</summary>
    public int Workers { get; init; } = 4;

    /// <summary>First retry delay after a failure; doubles on each further failure of the key. Defaults to 200ms.</summary>
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest retry delay after repeated failures. Defaults to 5 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Reconciles started per second over all keys (token bucket refill). Defaults to 20.</summary>
    public int RatePerSecond { get; init; } = 20;

    /// <summary>Reconciles that may start at once before the rate applies (token bucket size). Defaults to 100.</summary>
    public int Burst { get; init; } = 100;
}
