using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Generate;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Operator.Tests;

/// <summary>
/// The identity every operator under test runs as: a non-admin user bound only to the ClusterRole that
/// <c>operator generate rbac</c> prints, so every scenario also proves that role suffices. Tests keep the
/// admin client for their own setup and assertions. One per control plane, made on first use: the local
/// apiserver knows only a few token users.
/// </summary>
internal static class OperatorIdentity
{
    private static readonly ConditionalWeakTable<ControlPlaneFixture, Lazy<Task<ClusterIdentity>>> Identities = [];

    /// <summary>The operator's identity on <paramref name="cluster"/>, with the generated ClusterRole bound and in effect.</summary>
    public static Task<ClusterIdentity> ForAsync(ControlPlaneFixture cluster) =>
        Identities.GetValue(cluster, c => new Lazy<Task<ClusterIdentity>>(() => CreateAsync(c))).Value;

    /// <summary>A client acting as the operator's identity; the caller disposes it.</summary>
    public static async Task<IKubernetes> CreateClientAsync(ControlPlaneFixture cluster) => (await ForAsync(cluster)).CreateClient();

    private static async Task<ClusterIdentity> CreateAsync(ControlPlaneFixture cluster)
    {
        // On an external cluster the identity is a ServiceAccount, which needs a namespace that outlives tests.
        var identity = await cluster.MintIdentityAsync("default");
        (await cluster.Kubectl.ApplyAsync(GenerateCommand.Manifests["rbac"]())).EnsureSuccess();
        await cluster.Client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = $"{ClusterRoleGenerator.RoleName}-test-{identity.Subject.Name}" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = ClusterRoleGenerator.RoleName },
            Subjects = [identity.Subject],
        });

        // The authorizer learns of bindings through a watch: wait until the grant is in effect.
        using var client = identity.CreateClient();
        await ClusterWait.ForAsync(
            async t => await client.CoordinationV1.ListLeaseForAllNamespacesAsync(limit: 1, cancellationToken: t),
            leases => leases is not null, TimeSpan.FromSeconds(10), $"the generated ClusterRole in effect for {identity.UserName}");
        return identity;
    }
}
