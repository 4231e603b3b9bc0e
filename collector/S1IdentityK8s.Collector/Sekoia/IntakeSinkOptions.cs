namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>Tuning of <see cref="IntakeSink"/>.</summary>
public sealed record IntakeSinkOptions
{
    /// <summary>Events per <c>/batch</c> request. Defaults to 1000 (what Sekoia's own tooling sends).</summary>
    public int MaxBatchEvents { get; init; } = 1000;

    /// <summary>First wait after the intake refused our key or endpoint. Defaults to 30s.</summary>
    public TimeSpan RefusedRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Cap of the doubling wait after refusals. Defaults to 10m.</summary>
    public TimeSpan MaxRefusedRetryDelay { get; init; } = TimeSpan.FromMinutes(10);
}
