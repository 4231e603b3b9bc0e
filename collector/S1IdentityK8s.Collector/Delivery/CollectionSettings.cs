namespace S1IdentityK8s.Collector.Delivery;

/// <summary>The windowing knobs of live collection (the <c>collection</c> block of the config).</summary>
public sealed record CollectionSettings
{
    /// <summary>Wait between cycles. Defaults to 60s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Windows end at now − settleDelay, giving UAM time to index. Defaults to 30s.</summary>
    public TimeSpan SettleDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Windows start this far behind the watermark; the dedup window absorbs the re-reads. Defaults to 10m.</summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How far back the very first cycle reads. Defaults to 24h.</summary>
    public TimeSpan InitialLookback { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Whether a second pass on updatedAt forwards alert updates. Defaults to true.</summary>
    public bool CollectUpdates { get; init; } = true;

    /// <summary>Wait after SentinelOne refused our token before trying again. Defaults to 1m.</summary>
    public TimeSpan CredentialsRetryInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Cap of the doubling wait after failed cycles. Defaults to 5m.</summary>
    public TimeSpan MaxFailureBackoff { get; init; } = TimeSpan.FromMinutes(5);
}
