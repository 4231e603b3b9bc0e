namespace S1IdentityK8s.Common;

/// <summary>How long a Lease is valid, how long the holder tries to renew, and how often it tries.</summary>
internal sealed record LeaderElectionTiming(TimeSpan LeaseDuration, TimeSpan RenewDeadline, TimeSpan RetryPeriod)
{
    /// <summary>controller-runtime's defaults, which the operator and the collector both start from: 15s, 10s, 2s.</summary>
    public static LeaderElectionTiming Defaults { get; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));
}
