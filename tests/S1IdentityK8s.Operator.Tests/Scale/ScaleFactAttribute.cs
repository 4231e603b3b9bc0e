using System.Globalization;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Operator.Tests.Scale;

/// <summary>
/// A measurement, not a test: runs only when <c>S1K8S_OPERATOR_SCALE</c> gives the number of intakes
/// (e.g. 500), on a local control plane of its own. It takes minutes and the machine's whole attention.
/// </summary>
public sealed class ScaleFactAttribute : FactAttribute
{
    /// <summary>The variable naming the number of intakes.</summary>
    public const string CountVariable = "S1K8S_OPERATOR_SCALE";

    public ScaleFactAttribute()
    {
        if (Count is null)
        {
            Skip = $"a measurement: set {CountVariable}=500 to run it";
        }
        else if (ControlPlaneOptions.UsesExternalCluster)
        {
            Skip = $"needs its own local control plane: unset {ControlPlaneOptions.ExternalKubeconfigVariable} to run it";
        }
    }

    /// <summary>The number of intakes asked for; null when the measurement is not asked for.</summary>
    public static int? Count =>
        int.TryParse(Environment.GetEnvironmentVariable(CountVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : null;
}
