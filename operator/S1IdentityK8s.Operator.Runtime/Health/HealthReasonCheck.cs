using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace S1IdentityK8s.Operator.Runtime.Health;

/// <summary>
/// A probe answered by one of <see cref="OperatorHealth"/>'s reasons: <c>/healthz</c> by
/// <see cref="OperatorHealth.NotLiveReason"/>, <c>/readyz</c> by <see cref="OperatorHealth.NotReadyReason"/>.
/// Healthy while the reason is null, unhealthy with it otherwise.
/// </summary>
/// <param name="reason">Why the probe fails now, or null.</param>
public sealed class HealthReasonCheck(Func<string?> reason) : IHealthCheck
{
    /// <summary>The tag <c>/healthz</c> selects.</summary>
    public const string LiveTag = "live";

    /// <summary>The tag <c>/readyz</c> selects.</summary>
    public const string ReadyTag = "ready";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(reason() is { } why ? HealthCheckResult.Unhealthy(why) : HealthCheckResult.Healthy());
}
