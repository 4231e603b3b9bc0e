using System.Net;
using k8s;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Tests.Api;
using S1IdentityK8s.Operator.Tests.Controllers;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Operator.Tests;

/// <summary>The operator binary as users run it: its commands, health, metrics, election and reconciles.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class OperatorProcessTests(ControlPlaneFixture cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string Dll => Path.Combine(
        RepositoryPaths.Root, "operator", "S1IdentityK8s.Operator", "bin", CollectorBinary.TestConfiguration, "net10.0", "S1IdentityK8s.Operator.dll");

    [Fact]
    public async Task Main_GenerateCrd_PrintsTheChartCopy()
    {
        var result = await new CliRunner(CollectorBinary.DotnetHost).RunAsync(Dll, "generate", "crd");

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(await File.ReadAllTextAsync(OperatorPaths.ChartCrd), result.StandardOutput);
    }

    [Fact]
    public async Task Main_AgainstCluster_LeadsServesHealthAndReconciles()
    {
        await IntakeCrd.InstallAsync(cluster);
        await using var ns = await cluster.CreateNamespaceAsync("process");
        var port = LocalCollector.FreePort();
        await using var process = new ChildProcess(CollectorBinary.DotnetHost, [Dll], new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = cluster.KubeconfigPath,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["POD_NAMESPACE"] = ns.Name,
            ["POD_NAME"] = "operator-0",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await ClusterWait.ForAsync(_ => Task.FromResult<string?>(process.OutputText), text => text!.Contains("leading as operator-0", StringComparison.Ordinal), Patience, "the operator to lead");

        (await cluster.Kubectl.RunAsync(["apply", "-n", ns.Name, "-f", OperatorPaths.ExampleIntake], null)).EnsureSuccess();
        var intake = await ClusterWait.ForAsync(
            async t => await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SentinelOneIdentityIntake>(
                V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns.Name,
                V1Alpha1SentinelOneIdentityIntake.Plural, "acme-identity", t),
            i => i?.Status?.ObservedGeneration == 1, Patience, $"the intake reconciled by the process:\n{process.OutputText}");
        var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var lease = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("s1identity-operator", ns.Name);
        var exitCode = await process.StopAsync();

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("s1identity_operator_reconciles_total", metrics, StringComparison.Ordinal);
        Assert.Equal("operator-0", lease.Spec.HolderIdentity);
        Assert.NotNull(intake!.Status!.Conditions);
        Assert.Equal(0, exitCode);
    }
}
