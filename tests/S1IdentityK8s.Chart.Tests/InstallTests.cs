using System.Security.Cryptography;
using k8s;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Chart.Tests;

/// <summary>
/// The chart's lifecycle on a real apiserver: install, upgrade, uninstall. There is no kubelet locally,
/// so pods stay Pending and nothing waits for readiness; the tests check the objects the apiserver holds.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class InstallTests(ControlPlaneFixture cluster)
{
    private const string CrdName = "sentineloneidentityintakes.s1identity.dev";

    [Fact]
    public async Task InstallUpgradeUninstall_ClusterScope_AppliesChangesAndLeavesOnlyTheCrd()
    {
        await using var ns = await cluster.CreateNamespaceAsync("chart");
        var release = UniqueReleaseName();
        var fullName = $"{release}-s1identity-operator";
        var selector = $"app.kubernetes.io/instance={release}";
        await using var cleanup = new ReleaseCleanup(cluster, release, ns.Name);

        var install = await cluster.Helm.RunAsync(
            "install", release, ChartPaths.Chart, "--namespace", ns.Name, "--set", "podDisruptionBudget.enabled=true");
        Assert.True(install.Succeeded, install.ToString());
        // NOTES.txt tells the user what to apply and wait for next.
        Assert.Contains("examples/intake.yaml", install.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("kubectl -n soc wait --for=condition=Ready", install.StandardOutput, StringComparison.Ordinal);
        var installed = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync(fullName, ns.Name);
        var clusterRoles = await cluster.Client.RbacAuthorizationV1.ListClusterRoleAsync(labelSelector: selector);
        var pdbs = await ListAsync("poddisruptionbudgets", selector);
        Assert.Equal(2, installed.Spec.Replicas);
        Assert.NotEmpty(Assert.Single(clusterRoles.Items).Rules);
        Assert.Single(pdbs);

        var upgrade = await cluster.Helm.RunAsync(
            "upgrade", release, ChartPaths.Chart, "--namespace", ns.Name, "--reuse-values",
            "--set", "replicaCount=1", "--set", "podAnnotations.s1identity\\.dev/upgraded=yes");
        Assert.True(upgrade.Succeeded, upgrade.ToString());
        var upgraded = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync(fullName, ns.Name);
        Assert.Equal(1, upgraded.Spec.Replicas);
        Assert.Equal("yes", upgraded.Spec.Template.Metadata.Annotations["s1identity.dev/upgraded"]);

        var uninstall = await cluster.Helm.RunAsync("uninstall", release, "--namespace", ns.Name);
        Assert.True(uninstall.Succeeded, uninstall.ToString());
        Assert.Empty(await ListReleaseObjectsAsync(selector));
        // Helm never deletes what it installed from crds/, so intakes survive an uninstall.
        var crd = await cluster.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(CrdName);
        Assert.Equal(CrdName, crd.Metadata.Name);
    }

    [Fact]
    public async Task Install_NamespacedScope_GrantsOnlyTheWatchedNamespaces()
    {
        await using var ns = await cluster.CreateNamespaceAsync("chart");
        await using var watched = await cluster.CreateNamespaceAsync("soc");
        var release = UniqueReleaseName();
        var selector = $"app.kubernetes.io/instance={release}";
        await using var cleanup = new ReleaseCleanup(cluster, release, ns.Name);

        var install = await cluster.Helm.RunAsync(
            "install", release, ChartPaths.Chart, "--namespace", ns.Name,
            "--set", "rbac.scope=namespaced", "--set", $"rbac.watchNamespaces={{{watched.Name}}}");

        Assert.True(install.Succeeded, install.ToString());
        Assert.Contains($"It manages intakes only in: {watched.Name}.", install.StandardOutput, StringComparison.Ordinal);
        var clusterRoles = await cluster.Client.RbacAuthorizationV1.ListClusterRoleAsync(labelSelector: selector);
        var watchedBindings = await cluster.Client.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(watched.Name, labelSelector: selector);
        var ownRoles = await cluster.Client.RbacAuthorizationV1.ListNamespacedRoleAsync(ns.Name, labelSelector: selector);
        var deployment = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync($"{release}-s1identity-operator", ns.Name);
        Assert.Empty(clusterRoles.Items);
        Assert.Single(watchedBindings.Items);
        // Only the leader-election Role lives in the release namespace.
        Assert.EndsWith("-leader-election", Assert.Single(ownRoles.Items).Metadata.Name, StringComparison.Ordinal);
        var env = deployment.Spec.Template.Spec.Containers[0].Env;
        Assert.Equal(watched.Name, Assert.Single(env, e => e.Name == "WATCH_NAMESPACES").Value);
    }

    private static string UniqueReleaseName() =>
        $"s1i-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";

    /// <summary>Every object of any kind the chart renders that still carries the release's label.</summary>
    private async Task<List<string>> ListReleaseObjectsAsync(string selector)
    {
        var rbac = cluster.Client.RbacAuthorizationV1;
        var left = new List<string>();
        left.AddRange((await cluster.Client.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => $"Deployment {o.Metadata.Name}"));
        left.AddRange((await cluster.Client.CoreV1.ListServiceForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => $"Service {o.Metadata.Name}"));
        left.AddRange((await cluster.Client.CoreV1.ListServiceAccountForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => $"ServiceAccount {o.Metadata.Name}"));
        left.AddRange((await rbac.ListRoleForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => $"Role {o.Metadata.Name}"));
        left.AddRange((await rbac.ListRoleBindingForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => $"RoleBinding {o.Metadata.Name}"));
        left.AddRange((await rbac.ListClusterRoleAsync(labelSelector: selector)).Items.Select(o => $"ClusterRole {o.Metadata.Name}"));
        left.AddRange((await rbac.ListClusterRoleBindingAsync(labelSelector: selector)).Items.Select(o => $"ClusterRoleBinding {o.Metadata.Name}"));
        left.AddRange(await ListAsync("poddisruptionbudgets", selector));
        return left;
    }

    /// <summary>Names of one resource across namespaces through kubectl, whatever API version the cluster serves.</summary>
    private async Task<List<string>> ListAsync(string resource, string selector)
    {
        var result = (await cluster.Kubectl.RunAsync("get", resource, "--all-namespaces", "-l", selector, "-o", "name")).EnsureSuccess();
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
