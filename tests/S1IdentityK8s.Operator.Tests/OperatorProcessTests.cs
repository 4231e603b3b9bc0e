using System.Net;
using k8s;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Tests.Api;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Operator.Tests;

/// <summary>The operator binary as users run it: its commands, health, metrics, election and reconciles.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class OperatorProcessTests(ControlPlaneFixture cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string Dll => OperatorProcess.Dll;

    [Fact]
    public async Task Main_GenerateCrd_PrintsTheChartCopy()
    {
        var result = await new CliRunner(CollectorBinary.DotnetHost).RunAsync(Dll, "generate", "crd");

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(await File.ReadAllTextAsync(OperatorPaths.ChartCrd), result.StandardOutput);
    }

    [Fact]
    public async Task Main_AgainstCluster_LeadsServesHealthReconcilesWithTcpProbesOnV120()
    {
        await using var ns = await IntakeCrd.NamespaceAsync(cluster, "process");
        var identity = await OperatorIdentity.ForAsync(cluster);
        // Default election timings, as the chart runs it.
        await using var replica = OperatorProcess.Start(identity.KubeconfigPath, ns.Name, "operator-0", fast: false);
        await replica.Process.WaitForOutputAsync(text => text.Contains("leading as operator-0", StringComparison.Ordinal), Patience);

        (await cluster.Kubectl.RunAsync(["apply", "-n", ns.Name, "-f", OperatorPaths.ExampleIntake], null)).EnsureSuccess();
        var intake = await ClusterWait.ForAsync(
            async t => await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SentinelOneIdentityIntake>(
                V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns.Name,
                V1Alpha1SentinelOneIdentityIntake.Plural, "acme-identity", t),
            i => i?.Status?.ObservedGeneration == 1, Patience, $"the intake reconciled by the process:\n{replica.Process.OutputText}");
        await replica.WaitForAsync("/readyz", HttpStatusCode.OK, Patience);
        var live = await replica.StatusOfAsync("/healthz");
        var reconciles = await replica.ReconcilesAsync();
        var lease = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("s1identity-operator", ns.Name);
        var probe = (await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("acme-identity-collector", ns.Name)).Spec.Template.Spec.Containers[0].LivenessProbe;
        var exitCode = await replica.Process.StopAsync();

        Assert.Equal("200", live);
        Assert.True(reconciles > 0);
        Assert.Equal("operator-0", lease.Spec.HolderIdentity);
        Assert.NotNull(intake!.Status!.Conditions);
        // The v1.20 apiserver has no gRPC probes: the operator read /version and chose TCP.
        Assert.Contains("collector probes: TCP", replica.Process.OutputText, StringComparison.Ordinal);
        Assert.Equal(("50051", null), (probe.TcpSocket?.Port.Value, probe.Grpc));
        Assert.Equal(0, exitCode);
    }
}
