using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace S1IdentityK8s.Operator.Runtime.Health;

/// <summary><c>/healthz</c>: see <see cref="OperatorHealth.NotLiveReason"/>.</summary>
/// <param name="health">The operator's health state.</param>
public sealed class LivenessCheck(OperatorHealth health) : IHealthCheck
{
    /// <summary>The tag of this check, which <c>/healthz</c> selects.</summary>
    public const string Tag = "live";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(health.NotLiveReason() is { } reason ? HealthCheckResult.Unhealthy(reason) : HealthCheckResult.Healthy());
}
