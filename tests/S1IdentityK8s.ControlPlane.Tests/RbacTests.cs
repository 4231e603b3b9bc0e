using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.ControlPlane.Tests;

[Collection(ControlPlaneCollection.Name)]
public sealed class RbacTests(ControlPlaneFixture cluster)
{
    private static readonly TimeSpan GrantTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task MintIdentity_WithoutGrant_IsForbidden()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rbac-none");
        var identity = await cluster.MintIdentityAsync(ns.Name);
        using var client = identity.CreateClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CoreV1.ListNamespacedConfigMapAsync(ns.Name));
        var kubectl = await cluster.KubectlFor(identity.KubeconfigPath).RunAsync("get", "configmaps", "-n", ns.Name);

        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
        Assert.False(kubectl.Succeeded);
        Assert.Contains("forbidden", kubectl.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MintIdentity_WithRoleBinding_AllowsOnlyWhatTheRoleGrants()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rbac-grant");
        var identity = await cluster.MintIdentityAsync(ns.Name);
        using var client = identity.CreateClient();
        await GrantConfigMapReadAsync(ns.Name, identity);

        var list = await ClusterWait.ForAsync(
            token => client.CoreV1.ListNamespacedConfigMapAsync(ns.Name, cancellationToken: token),
            configMaps => configMaps is not null, GrantTimeout, $"{identity.UserName} to list configmaps");
        var create = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "denied" } }, ns.Name));
        var secrets = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CoreV1.ListNamespacedSecretAsync(ns.Name));
        var kubectl = await cluster.KubectlFor(identity.KubeconfigPath).RunAsync("get", "configmaps", "-n", ns.Name);

        Assert.NotNull(list);
        Assert.Equal(HttpStatusCode.Forbidden, create.Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, secrets.Response.StatusCode);
        Assert.True(kubectl.Succeeded, kubectl.ToString());
    }

    private async Task GrantConfigMapReadAsync(string namespaceName, ClusterIdentity identity)
    {
        await cluster.Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(
            new V1Role
            {
                Metadata = new V1ObjectMeta { Name = "configmap-reader" },
                Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get", "list", "watch"] }],
            },
            namespaceName);
        await cluster.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
            new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = "configmap-reader" },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "configmap-reader" },
                Subjects = [identity.Subject],
            },
            namespaceName);
    }
}
