using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Generate;
using S1IdentityK8s.Operator.Tests.Api;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>The operator works with exactly the ClusterRole it generates: nothing missing, as a non-admin user.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class GeneratedClusterRoleTests(ControlPlaneFixture cluster)
{
    [Fact]
    public async Task Reconcile_AsUserBoundToGeneratedClusterRole_CreatesChildrenAndStatus()
    {
        await using var ns = await IntakeCrd.NamespaceAsync(cluster, "rbac");
        var identity = await cluster.MintIdentityAsync(ns.Name);
        (await cluster.Kubectl.ApplyAsync(GenerateCommand.Manifests["rbac"]())).EnsureSuccess();
        var binding = $"s1identity-operator-{ns.Name}";
        await cluster.Client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = binding },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = ClusterRoleGenerator.RoleName },
            Subjects = [identity.Subject],
        });
        try
        {
            using var client = identity.CreateClient();
            await using var run = RunningOperator.StartAs(client);
            (await cluster.Kubectl.RunAsync(["apply", "-n", ns.Name, "-f", OperatorPaths.ExampleIntake], null)).EnsureSuccess();

            var intake = await ClusterWait.ForAsync(
                async t => await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SentinelOneIdentityIntake>(
                    V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns.Name,
                    V1Alpha1SentinelOneIdentityIntake.Plural, "acme-identity", t),
                i => i?.Status?.Conditions?.Any(c => c.Type == ConditionTypes.Reconciling && c.Status == "True") == true,
                TimeSpan.FromSeconds(10), "the intake reconciled by the RBAC-limited operator");
            var deployment = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("acme-identity-collector", ns.Name);
            var role = await cluster.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("acme-identity-collector", ns.Name);

            Assert.Equal(1, intake!.Status!.ObservedGeneration);
            Assert.Equal(intake.Metadata.Uid, deployment.Metadata.OwnerReferences.Single().Uid);
            Assert.Equal(2, role.Rules.Count);
        }
        finally
        {
            await cluster.Client.RbacAuthorizationV1.DeleteClusterRoleBindingAsync(binding);
        }
    }

    [Fact]
    public async Task Reconcile_WatchingOneNamespaceWithRulesGrantedThere_CreatesChildren()
    {
        await using var ns = await IntakeCrd.NamespaceAsync(cluster, "scoped");
        var identity = await cluster.MintIdentityAsync(ns.Name);
        (await cluster.Kubectl.ApplyAsync(GenerateCommand.Manifests["rbac"]())).EnsureSuccess();
        // The chart's namespaced mode: the same rules, granted only in the watched namespace.
        await cluster.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "s1identity-operator" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = ClusterRoleGenerator.RoleName },
            Subjects = [identity.Subject],
        }, ns.Name);
        using var client = identity.CreateClient();
        await using var run = RunningOperator.StartAs(client, namespaces: [ns.Name]);

        (await cluster.Kubectl.RunAsync(["apply", "-n", ns.Name, "-f", OperatorPaths.ExampleIntake], null)).EnsureSuccess();

        var intake = await ClusterWait.ForAsync(
            async t => await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SentinelOneIdentityIntake>(
                V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns.Name,
                V1Alpha1SentinelOneIdentityIntake.Plural, "acme-identity", t),
            i => i?.Status?.ObservedGeneration == 1, TimeSpan.FromSeconds(10), "the intake reconciled by the namespace-scoped operator");
        var deployment = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("acme-identity-collector", ns.Name);
        Assert.Equal(intake!.Metadata.Uid, deployment.Metadata.OwnerReferences.Single().Uid);
    }
}
