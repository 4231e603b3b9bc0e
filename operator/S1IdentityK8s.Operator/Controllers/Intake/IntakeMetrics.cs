using Prometheus;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>
/// Per-intake figures only the operator knows, labelled like the collector's metrics (<c>namespace</c>,
/// <c>intake</c>) so alert rules and dashboards can join the two. Only the leader reconciles, so only it
/// sets them; the chart's rules aggregate by intake across replicas.
/// </summary>
internal static class IntakeMetrics
{
    /// <summary>1 while the intake's Ready condition is True, else 0; removed when the intake is deleted.</summary>
    public static readonly Gauge Ready = Metrics.CreateGauge(
        "s1identity_operator_intake_ready", "1 when the intake's Ready condition is True, else 0.", "namespace", "intake");

    /// <summary>Records the Ready condition among <paramref name="conditions"/> of the intake.</summary>
    public static void Record(V1Alpha1SentinelOneIdentityIntake intake, IEnumerable<IntakeCondition> conditions) =>
        Ready.WithLabels(intake.Metadata.NamespaceProperty, intake.Metadata.Name)
            .Set(conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == "True") ? 1 : 0);

    /// <summary>Forgets a deleted intake, so no alert keeps firing for it.</summary>
    public static void Forget(string namespaceName, string name) => Ready.RemoveLabelled(namespaceName, name);
}
