namespace S1IdentityK8s.Collector.Configuration;

/// <summary>The <c>collection</c> section: the live poll loop's timing.</summary>
public sealed class CollectionOptions
{
    /// <summary><c>pollInterval</c>: pause between two live cycles, ≥ 1s. Default 60s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>settleDelay</c>: a cycle reads up to now − settleDelay, giving late indexing time, ≥ 0. Default 30s.</summary>
    public TimeSpan SettleDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>overlap</c>: window re-read behind the watermark (duplicates are filtered), ≥ 0. Default 10m.</summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary><c>initialLookback</c>: how far back the very first cycle starts, &gt; 0. Default 24h.</summary>
    public TimeSpan InitialLookback { get; init; } = TimeSpan.FromHours(24);

    /// <summary><c>collectUpdates</c>: also pass over <c>updatedAt</c> to resend updated alerts. Default true.</summary>
    public bool CollectUpdates { get; init; } = true;

    /// <summary>
    /// <c>credentialsRetryInterval</c>: wait after SentinelOne refused the API token (401/403) before trying
    /// again, ≥ 1s. Default 1m: a refused token is not fixed by hammering the API.
    /// </summary>
    public TimeSpan CredentialsRetryInterval { get; init; } = TimeSpan.FromMinutes(1);
}
