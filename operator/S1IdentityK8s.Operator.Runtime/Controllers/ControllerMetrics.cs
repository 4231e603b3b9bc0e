using Prometheus;

namespace S1IdentityK8s.Operator.Runtime.Controllers;

/// <summary>The operator's Prometheus metrics, labelled by controller name (never by a credential).</summary>
internal static class ControllerMetrics
{
    /// <summary>Reconciles run, by controller and result (success or error).</summary>
    public static readonly Counter Reconciles = Metrics.CreateCounter(
        "s1identity_operator_reconciles_total", "Reconciles run.", "controller", "result");

    /// <summary>How long reconciles take, by controller.</summary>
    public static readonly Histogram Duration = Metrics.CreateHistogram(
        "s1identity_operator_reconcile_duration_seconds", "Reconcile duration.", "controller");

    /// <summary>Keys waiting in the work queue, by controller.</summary>
    public static readonly Gauge QueueDepth = Metrics.CreateGauge(
        "s1identity_operator_queue_depth", "Keys waiting to be reconciled.", "controller");
}
