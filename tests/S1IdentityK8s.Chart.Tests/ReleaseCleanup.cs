using k8s;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Chart.Tests;

/// <summary>
/// Uninstalls a test's release and deletes its cluster-scoped RBAC even when the test failed half-way:
/// deleting the namespace would not remove ClusterRoles/ClusterRoleBindings, which outlive it.
/// </summary>
internal sealed class ReleaseCleanup(ControlPlaneFixture cluster, string release, string namespaceName) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        // Failures are ignored: after a passing test the release is already gone.
        await cluster.Helm.RunAsync("uninstall", release, "--namespace", namespaceName);
        var selector = $"app.kubernetes.io/instance={release}";
        await cluster.Client.RbacAuthorizationV1.DeleteCollectionClusterRoleBindingAsync(labelSelector: selector);
        await cluster.Client.RbacAuthorizationV1.DeleteCollectionClusterRoleAsync(labelSelector: selector);
    }
}
