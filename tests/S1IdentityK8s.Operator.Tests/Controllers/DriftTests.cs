using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake.Children;
using S1IdentityK8s.Operator.Tests.Api;
using S1IdentityK8s.TestSupport.Kubernetes;
using Xunit.Abstractions;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>Hand edits of fields the operator owns are reverted; a restarted apiserver does not stop it.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class DriftTests(ControlPlaneFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Reconcile_ChildEditedByHand_IsRevertedWithoutConflict()
    {
        await using var ns = await IntakeCrd.NamespaceAsync(cluster, "drift");
        await using var run = await RunningOperator.StartAsync(cluster);
        (await cluster.Kubectl.RunAsync(["apply", "-n", ns.Name, "-f", OperatorPaths.ExampleIntake], null)).EnsureSuccess();
        await ClusterWait.ForAsync(
            t => cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("acme-identity-collector", ns.Name, cancellationToken: t),
            d => d is not null, Timeout, "the collector Deployment");

        (await cluster.Kubectl.RunAsync("scale", "deployment/acme-identity-collector", "-n", ns.Name, "--replicas=3")).EnsureSuccess();
        (await cluster.Kubectl.RunAsync("patch", "configmap", "acme-identity-collector", "-n", ns.Name, "--type=merge",
            "-p", """{"data":{"collector.yaml":"edited: by hand"}}""")).EnsureSuccess();

        var deployment = await ClusterWait.ForAsync(
            t => cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("acme-identity-collector", ns.Name, cancellationToken: t),
            d => d?.Spec.Replicas == 1, Timeout, "replicas reverted to 1");
        var config = await ClusterWait.ForAsync(
            t => cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("acme-identity-collector", ns.Name, cancellationToken: t),
            c => c?.Data[CollectorMounts.ConfigFile].Contains("sentinelOne:", StringComparison.Ordinal) == true,
            Timeout, "the rendered config restored");

        // Without conflict: no reconcile failed (a 409 would have), and the operator's apply took the edited
        // fields back from kubectl's managers instead of sharing them.
        Assert.True(run.FailedReconcilesIn(ns.Name) == 0, run.Log);
        Assert.Equal([IntakeNames.FieldManager], ManagersOf(deployment!, "f:spec", "f:replicas"));
        Assert.Equal([IntakeNames.FieldManager], ManagersOf(config!, "f:data", $"f:{CollectorMounts.ConfigFile}"));
    }

    // The field managers whose managed fields include the field at <paramref name="path"/> (fieldsV1 keys).
    private static string[] ManagersOf(IKubernetesObject<V1ObjectMeta> item, params string[] path) =>
        [.. item.Metadata.ManagedFields
            .Where(entry => path.Aggregate(JsonNode.Parse(KubernetesJson.Serialize(entry.FieldsV1)), (node, key) => node?[key]) is not null)
            .Select(entry => entry.Manager)
            .Distinct()];

    [LocalControlPlaneFact]
    public async Task Reconcile_AfterApiServerRestart_WatchesResumeAndSpecChangesApply()
    {
        await using var ns = await IntakeCrd.NamespaceAsync(cluster, "restart");
        await using var run = await RunningOperator.StartAsync(cluster);
        (await cluster.Kubectl.RunAsync(["apply", "-n", ns.Name, "-f", OperatorPaths.ExampleIntake], null)).EnsureSuccess();
        await ClusterWait.ForAsync(
            t => cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("acme-identity-collector", ns.Name, cancellationToken: t),
            c => c is not null, Timeout, "the rendered config");

        var clock = Stopwatch.StartNew();
        await cluster.RestartApiServerAsync();
        var restarted = clock.Elapsed;
        (await cluster.Kubectl.RunAsync("patch", "s1i", "acme-identity", "-n", ns.Name, "--type=merge",
            "-p", """{"spec":{"sentinelOne":{"pageSize":123}}}""")).EnsureSuccess();

        // Reconnects back off from 200 ms with jitter: well within the timeout.
        await ClusterWait.ForAsync(
            t => cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("acme-identity-collector", ns.Name, cancellationToken: t),
            c => c?.Data[CollectorMounts.ConfigFile].Contains("pageSize: 123", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(30), "the new page size rendered after the restart");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"apiserver restart (stop → /readyz): {restarted.TotalSeconds:0.00}s; spec change made after it reconciled {(clock.Elapsed - restarted).TotalSeconds:0.00}s later"));
    }
}
