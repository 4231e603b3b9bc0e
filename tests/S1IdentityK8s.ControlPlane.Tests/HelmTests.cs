using k8s;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.ControlPlane.Tests;

[Collection(ControlPlaneCollection.Name)]
public sealed class HelmTests(ControlPlaneFixture cluster)
{
    private static readonly string Chart = Path.Combine(RepositoryPaths.Charts, "s1identity-operator");

    [Fact]
    public async Task Lint_OperatorChart_IsCleanInStrictMode()
    {
        var result = await cluster.Helm.RunAsync("lint", "--strict", Chart);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("0 chart(s) failed", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_OperatorChart_RendersItsServiceAccount()
    {
        var result = await cluster.Helm.RunAsync("template", "demo", Chart, "--namespace", "demo-ns");

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("kind: ServiceAccount", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("namespace: demo-ns", result.StandardOutput, StringComparison.Ordinal);
    }

    // No --wait: without a kubelet the operator Deployment never becomes ready.
    [Fact]
    public async Task Install_OperatorChart_CreatesItsObjectsAndUninstalls()
    {
        await using var ns = await cluster.CreateNamespaceAsync("helm");

        var install = await cluster.Helm.RunAsync("install", "demo", Chart, "--namespace", ns.Name);
        var accounts = await cluster.Client.CoreV1.ListNamespacedServiceAccountAsync(
            ns.Name, labelSelector: "app.kubernetes.io/instance=demo");
        var uninstall = await cluster.Helm.RunAsync("uninstall", "demo", "--namespace", ns.Name);

        Assert.True(install.Succeeded, install.ToString());
        Assert.Single(accounts.Items);
        Assert.True(uninstall.Succeeded, uninstall.ToString());
    }
}
