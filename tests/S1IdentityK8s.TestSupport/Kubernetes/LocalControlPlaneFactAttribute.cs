using Xunit;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// A fact that needs the local control plane's processes (e.g. restarts the apiserver, inspects its
/// pids): skipped with a clear message when <c>S1K8S_TEST_KUBECONFIG</c> points the tests at another cluster.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LocalControlPlaneFactAttribute : FactAttribute
{
    public LocalControlPlaneFactAttribute()
    {
        if (ControlPlaneOptions.UsesExternalCluster)
        {
            Skip = $"needs the local control plane: unset {ControlPlaneOptions.ExternalKubeconfigVariable} to run it";
        }
    }
}
