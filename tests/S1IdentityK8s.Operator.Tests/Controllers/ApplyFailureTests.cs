using System.Text.Json.Nodes;
using k8s;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Tests.Api;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>What the CRD schema leaves open (Kubernetes-typed fields) but a child's own validation refuses.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class ApplyFailureTests(ControlPlaneFixture cluster)
{
    [Fact]
    public async Task Reconcile_InvalidToleration_StalledNamingCollectorField()
    {
        await using var ns = await IntakeCrd.NamespaceAsync(cluster, "invalid");
        await using var run = await RunningOperator.StartAsync(cluster);
        (await cluster.Kubectl.RunAsync(["apply", "-n", ns.Name, "-f", OperatorPaths.ExampleIntake], null)).EnsureSuccess();
        var broken = ValidIntake.Create("acme-identity");
        broken["spec"]!["sentinelOne"]!["apiTokenSecretRef"] = new JsonObject { ["name"] = "sentinelone-api-token", ["key"] = "token" };
        broken["spec"]!["sekoia"]!["intakeKeySecretRef"] = new JsonObject { ["name"] = "sekoia-intake-key", ["key"] = "intake-key" };
        broken["spec"]!["collector"] = new JsonObject { ["tolerations"] = new JsonArray(new JsonObject { ["key"] = "k", ["operator"] = "Sometimes" }) };

        (await cluster.Kubectl.ApplyAsync(broken.ToJsonString(), ns.Name)).EnsureSuccess();
        var stalled = await ClusterWait.ForAsync(
            async t => await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SentinelOneIdentityIntake>(
                V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns.Name,
                V1Alpha1SentinelOneIdentityIntake.Plural, "acme-identity", t),
            i => i?.Status?.Conditions?.Any(c => c.Type == ConditionTypes.Stalled && c.Status == "True") == true,
            TimeSpan.FromSeconds(10), "the intake to stall on the rejected Deployment");

        var condition = stalled!.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Stalled);
        Assert.Equal(ConditionReasons.ApplyFailed, condition.Reason);
        Assert.StartsWith("spec.collector: Deployment rejected:", condition.Message, StringComparison.Ordinal);
        Assert.Contains("Sometimes", condition.Message, StringComparison.Ordinal);
    }
}
