using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace S1IdentityK8s.Operator.Runtime.Health;

/// <summary><c>/readyz</c>: see <see cref="OperatorHealth.NotReadyReason"/>.</summary>
/// <param name="health">The operator's health state.</param>
public sealed class ReadinessCheck(OperatorHealth health) : IHealthCheck
{
    /// <summary>The tag of this check, which <c>/readyz</c> selects.</summary>
    public const string Tag = "ready";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(health.NotReadyReason() is { } reason ? HealthCheckResult.Unhealthy(reason) : HealthCheckResult.Healthy());
}
