using System.Globalization;
using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Tests.Api;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>Other writers bump resourceVersions all the time; the operator's patches carry no precondition.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class ConcurrentWriterTests(ControlPlaneFixture cluster)
{
    [Fact]
    public async Task Reconcile_IntakeAndChildrenWrittenConcurrently_NoConflictErrorsAndConverges()
    {
        await using var ns = await IntakeCrd.NamespaceAsync(cluster, "conflict");
        await using var run = await RunningOperator.StartAsync(cluster);
        (await cluster.Kubectl.RunAsync(["apply", "-n", ns.Name, "-f", OperatorPaths.ExampleIntake], null)).EnsureSuccess();
        await ReadAsync(ns.Name, i => i?.Status?.ObservedGeneration == 1);

        // A label writer on the intake and on the Deployment (like other controllers), racing a spec change.
        var writers = Enumerable.Range(0, 15).Select(async i =>
        {
            var body = "{\"metadata\":{\"labels\":{\"touched\":\"" + i.ToString(CultureInfo.InvariantCulture) + "\"}}}";
            var label = new V1Patch(body, V1Patch.PatchType.MergePatch);
            await cluster.Client.CustomObjects.PatchNamespacedCustomObjectAsync(label, V1Alpha1SentinelOneIdentityIntake.ApiGroup,
                V1Alpha1SentinelOneIdentityIntake.Version, ns.Name, V1Alpha1SentinelOneIdentityIntake.Plural, "acme-identity");
            await cluster.Client.AppsV1.PatchNamespacedDeploymentAsync(label, "acme-identity-collector", ns.Name);
        }).ToList();
        (await cluster.Kubectl.RunAsync("patch", "s1i", "acme-identity", "-n", ns.Name, "--type=merge",
            "-p", """{"spec":{"suspend":true}}""")).EnsureSuccess();
        await Task.WhenAll(writers);

        var intake = await ReadAsync(ns.Name, i => i?.Status?.ObservedGeneration == 2);
        var config = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("acme-identity-collector", ns.Name);

        // Only this namespace: earlier tests' intakes, in namespaces still being deleted, fail to reconcile.
        Assert.True(run.FailedReconcilesIn(ns.Name) == 0, run.Log);
        Assert.Contains("suspend: true", config.Data["collector.yaml"], StringComparison.Ordinal);
        Assert.All(intake!.Status!.Conditions!.Where(c => c.Type is "Ready" or "Stalled" or "Reconciling"), c => Assert.Equal(2, c.ObservedGeneration));
    }

    private Task<V1Alpha1SentinelOneIdentityIntake?> ReadAsync(string ns, Func<V1Alpha1SentinelOneIdentityIntake?, bool> condition) =>
        ClusterWait.ForAsync(
            async t => await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SentinelOneIdentityIntake>(
                V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns,
                V1Alpha1SentinelOneIdentityIntake.Plural, "acme-identity", t),
            condition, TimeSpan.FromSeconds(10), "the intake to converge");
}
