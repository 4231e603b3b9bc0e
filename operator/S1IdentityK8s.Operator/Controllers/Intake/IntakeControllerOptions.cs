using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>Settings of the intake controller that are the operator's, not the intake's.</summary>
public sealed class IntakeControllerOptions
{
    /// <summary>The collector image when an intake names none. Defaults to ghcr.io/s1identityk8s/collector:0.1.0.</summary>
    public string CollectorImage { get; init; } = "ghcr.io/s1identityk8s/collector:0.1.0";

    /// <summary>
    /// Probe the collector with Kubernetes gRPC probes (servers ≥ 1.24); false uses TCP probes on the same
    /// port, for older servers that would drop the gRPC handler and reject the probe. Defaults to true.
    /// </summary>
    public bool GrpcProbes { get; init; } = true;

    /// <summary>How soon a stalled intake (e.g. a missing Secret) is looked at again without any event. Defaults to 1 minute.</summary>
    public TimeSpan StalledRetry { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a running collector's status is read into the intake's status. Defaults to 30s.</summary>
    public TimeSpan StatusPollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where a collector's gRPC API is reached, for tests that run it elsewhere. Defaults to null: its running pod's IP.</summary>
    public Func<V1Alpha1SentinelOneIdentityIntake, Uri>? CollectorAddress { get; init; }
}
