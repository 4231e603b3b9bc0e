using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Monitoring.Tests.Support;

/// <summary>The chart's CRD on a test cluster, for tests that run the operator binary without helm.</summary>
internal static class IntakeCrd
{
    /// <summary>Applies <c>crds/</c> server-side and waits until the apiserver serves the kind.</summary>
    public static async Task InstallAsync(ControlPlaneFixture cluster)
    {
        (await cluster.Kubectl.RunAsync(["apply", "--server-side", "-f", MonitoringPaths.Crds], null)).EnsureSuccess();
        (await cluster.Kubectl.RunAsync(
            ["wait", "--for=condition=Established", "crd/sentineloneidentityintakes.s1identity.dev", "--timeout=60s"], null,
            TimeSpan.FromSeconds(70))).EnsureSuccess();
    }
}
