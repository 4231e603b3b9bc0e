using S1IdentityK8s.Operator.Runtime.Controllers;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>Reads the operator's own metrics, to await reconciles instead of sleeping.</summary>
internal static class ControllerMetricsProbe
{
    /// <summary>Reconciles of <paramref name="controller"/> so far, successful or not.</summary>
    public static double Reconciles(string controller) =>
        ControllerMetrics.Reconciles.WithLabels(controller, "success").Value + ControllerMetrics.Reconciles.WithLabels(controller, "error").Value;
}
