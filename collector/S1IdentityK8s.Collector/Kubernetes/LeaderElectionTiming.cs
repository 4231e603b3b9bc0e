namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>How long a Lease is valid, how long the holder tries to renew, and how often it tries.</summary>
public sealed record LeaderElectionTiming(TimeSpan LeaseDuration, TimeSpan RenewDeadline, TimeSpan RetryPeriod);
