using System.Diagnostics;
using k8s;
using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.ControlPlane.Tests;

[Collection(ControlPlaneCollection.Name)]
public sealed class ApiServerRestartTests(ControlPlaneFixture cluster, ITestOutputHelper output)
{
    [LocalControlPlaneFact]
    public async Task RestartApiServer_WithStoredObject_KeepsPortDataAndClients()
    {
        await using var ns = await cluster.CreateNamespaceAsync("restart");
        var created = await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "survivor" }, Data = new Dictionary<string, string> { ["k"] = "v" } },
            ns.Name);
        var portsBefore = cluster.Ports;
        var pidsBefore = cluster.ProcessIds;

        var clock = Stopwatch.StartNew();
        await cluster.RestartApiServerAsync();
        output.WriteLine($"restarted in {clock.Elapsed.TotalSeconds:F2} s");

        var read = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("survivor", ns.Name);
        Assert.Equal(created.Uid(), read.Uid());
        Assert.Equal("v", read.Data["k"]);
        Assert.Equal(portsBefore, cluster.Ports);
        Assert.NotEqual(pidsBefore.Order(), cluster.ProcessIds.Order());
        var kubectl = await cluster.Kubectl.RunAsync("get", "configmap", "survivor", "-n", ns.Name);
        Assert.True(kubectl.Succeeded, kubectl.ToString());
    }
}
