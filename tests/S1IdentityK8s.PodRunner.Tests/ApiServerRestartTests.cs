using k8s;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>The runner's watches survive an apiserver restart: running pods keep running, new ones start.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class ApiServerRestartTests(PodRunnerCluster cluster)
{
    [LocalControlPlaneFact]
    public async Task AfterAnApiServerRestart_RunningPodsKeepTheirProcess_AndNewPodsStillStart()
    {
        await using var ns = await cluster.CreateNamespaceAsync("restart");
        var client = cluster.Client;
        await HostPods.CreateAsync(client, ns.Name, HostPods.Pod("before", HostPods.Shell("app", "exec sleep 3600")));
        var before = await HostPods.WaitRunningAsync(client, ns.Name, "before", cluster.Runner);

        await cluster.RestartApiServerAsync();

        await HostPods.CreateAsync(client, ns.Name, HostPods.Pod("after", HostPods.Shell("app", "exec sleep 3600")));
        await HostPods.WaitRunningAsync(client, ns.Name, "after", cluster.Runner);
        var still = await client.CoreV1.ReadNamespacedPodAsync("before", ns.Name);
        Assert.Equal(before.Status.ContainerStatuses[0].ContainerID, still.Status.ContainerStatuses[0].ContainerID);
        Assert.Equal(0, still.Status.ContainerStatuses[0].RestartCount);
    }
}
