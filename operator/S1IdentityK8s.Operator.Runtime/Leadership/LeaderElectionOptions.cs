using S1IdentityK8s.Common;

namespace S1IdentityK8s.Operator.Runtime.Leadership;

/// <summary>Where and how operator replicas elect the one that reconciles.</summary>
public sealed class LeaderElectionOptions
{
    /// <summary>Namespace of the Lease. Defaults to the pod's namespace, or "default" outside a cluster.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Name of the Lease. Defaults to s1identity-operator.</summary>
    public string LeaseName { get; init; } = "s1identity-operator";

    /// <summary>This replica's identity in the Lease. Defaults to the host name (the pod name).</summary>
    public string Identity { get; init; } = Environment.MachineName;

    /// <summary>How long a Lease stays valid without renewal. Defaults to 15s.</summary>
    public TimeSpan LeaseDuration { get; init; } = LeaderElectionTiming.Defaults.LeaseDuration;

    /// <summary>How long the leader keeps trying to renew before giving up. Defaults to 10s.</summary>
    public TimeSpan RenewDeadline { get; init; } = LeaderElectionTiming.Defaults.RenewDeadline;

    /// <summary>Pause between two attempts to acquire or renew. Defaults to 2s.</summary>
    public TimeSpan RetryPeriod { get; init; } = LeaderElectionTiming.Defaults.RetryPeriod;
}
