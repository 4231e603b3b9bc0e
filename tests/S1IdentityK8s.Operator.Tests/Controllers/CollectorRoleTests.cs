using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake.Children;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>
/// Least privilege of the collector on the real apiserver: an identity holding exactly the Role the operator
/// builds can read and write its own checkpoint and backfill ConfigMaps and its Lease, and the apiserver
/// refuses it everything else (a stolen collector token reaches no Secret and no other intake's state).
/// The collector working under that Role is shown end to end on the real node.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class CollectorRoleTests(ControlPlaneFixture cluster)
{
    [Fact]
    public async Task CollectorRole_OwnConfigMapsAndLease_AllowedAndEverythingElseForbidden()
    {
        await using var ns = await cluster.CreateNamespaceAsync("collector-rbac");
        await using var other = await cluster.CreateNamespaceAsync("collector-rbac-other");
        var intake = new V1Alpha1SentinelOneIdentityIntake { Metadata = new V1ObjectMeta { Name = "acme", NamespaceProperty = ns.Name, Uid = "uid-1" } };
        var admin = cluster.Client;
        var role = RoleBuilder.Build(intake);
        role.Metadata.OwnerReferences = null;
        await admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(role, ns.Name);
        var identity = await cluster.MintIdentityAsync(ns.Name);
        await admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "collector" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = role.Metadata.Name },
            Subjects = [identity.Subject],
        }, ns.Name);
        foreach (var name in new[] { IntakeNames.Checkpoint(intake), IntakeNames.Backfills(intake), "globex-checkpoint" })
        {
            await admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name } }, ns.Name);
        }

        await admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = IntakeNames.Checkpoint(intake) } }, other.Name);
        await admin.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s1" }, StringData = new Dictionary<string, string> { ["token"] = "x" } }, ns.Name);
        await admin.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = IntakeNames.Lease(intake) }, Spec = new V1LeaseSpec() }, ns.Name);
        await admin.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "globex-collector" }, Spec = new V1LeaseSpec() }, ns.Name);
        using var collector = identity.CreateClient();

        // Allowed: exactly what the collector does (the grant may take a moment to reach the authorizer's cache).
        var checkpoint = await ClusterWait.ForAsync(
            async t => await collector.CoreV1.ReadNamespacedConfigMapAsync(IntakeNames.Checkpoint(intake), ns.Name, cancellationToken: t),
            m => m is not null, TimeSpan.FromSeconds(30), "the collector identity reads its checkpoint ConfigMap");
        checkpoint!.Data = new Dictionary<string, string> { ["checkpoint.json"] = "{}" };
        await collector.CoreV1.ReplaceNamespacedConfigMapAsync(checkpoint, checkpoint.Metadata.Name, ns.Name);
        await collector.CoreV1.ReadNamespacedConfigMapAsync(IntakeNames.Backfills(intake), ns.Name);
        var lease = await collector.CoordinationV1.ReadNamespacedLeaseAsync(IntakeNames.Lease(intake), ns.Name);
        lease.Spec.HolderIdentity = "collector-0";
        await collector.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, lease.Metadata.Name, ns.Name);

        // Forbidden: every neighbour, every other verb, every other kind.
        await AssertForbiddenAsync(() => collector.CoreV1.ReadNamespacedConfigMapAsync("globex-checkpoint", ns.Name));
        await AssertForbiddenAsync(() => collector.CoreV1.ReadNamespacedConfigMapAsync(IntakeNames.Checkpoint(intake), other.Name));
        await AssertForbiddenAsync(() => collector.CoreV1.ListNamespacedConfigMapAsync(ns.Name));
        await AssertForbiddenAsync(() => collector.CoreV1.DeleteNamespacedConfigMapAsync(IntakeNames.Checkpoint(intake), ns.Name));
        await AssertForbiddenAsync(() => collector.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "planted" } }, ns.Name));
        await AssertForbiddenAsync(() => collector.CoreV1.ReadNamespacedSecretAsync("s1", ns.Name));
        await AssertForbiddenAsync(() => collector.CoreV1.ListNamespacedSecretAsync(ns.Name));
        await AssertForbiddenAsync(() => collector.CoordinationV1.ReadNamespacedLeaseAsync("globex-collector", ns.Name));
        await AssertForbiddenAsync(() => collector.CoordinationV1.DeleteNamespacedLeaseAsync(IntakeNames.Lease(intake), ns.Name));
        await AssertForbiddenAsync(() => collector.CoreV1.ListNamespacedPodAsync(ns.Name));
        await AssertForbiddenAsync(() => collector.AppsV1.ListNamespacedDeploymentAsync(ns.Name));
        await AssertForbiddenAsync(() => collector.CustomObjects.ListNamespacedCustomObjectAsync(
            V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns.Name, V1Alpha1SentinelOneIdentityIntake.Plural));
        await AssertForbiddenAsync(() => collector.RbacAuthorizationV1.ReadNamespacedRoleAsync(role.Metadata.Name, ns.Name));
    }

    private static async Task AssertForbiddenAsync<T>(Func<Task<T>> request)
    {
        var refused = await Assert.ThrowsAsync<HttpOperationException>(request);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Response.StatusCode);
    }
}
