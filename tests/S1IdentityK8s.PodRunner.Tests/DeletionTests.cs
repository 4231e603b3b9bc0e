using System.Globalization;
using System.Security.Cryptography;
using k8s;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>Deleting a pod stops its process first, then the runner removes the Pod object, as the kubelet does.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class DeletionTests(PodRunnerCluster cluster)
{
    [LocalControlPlaneFact]
    public async Task DeletingAPod_StopsItsProcess_ThenThePodObjectDisappears()
    {
        await using var ns = await cluster.CreateNamespaceAsync("delete");
        var client = cluster.Client;
        var marker = $"s1k8s-delete-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}";
        var container = HostPods.Shell("app", "trap 'exit 0' TERM; while :; do sleep 0.1; done");
        container.Args = [marker];
        await HostPods.CreateAsync(client, ns.Name, HostPods.Pod("victim", container));
        var running = await HostPods.WaitRunningAsync(client, ns.Name, "victim", cluster.Runner);
        var pid = int.Parse(running.Status.ContainerStatuses[0].ContainerID.Replace("s1k8s://", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.True(ProcessTable.IsAlive(pid), $"container process {pid} runs");
        Assert.NotEmpty(ProcessTable.WithCommandLineContaining(marker));

        await client.CoreV1.DeleteNamespacedPodAsync("victim", ns.Name);

        await ClusterWait.ForDeletionAsync(
            async token => await client.CoreV1.ReadNamespacedPodAsync("victim", ns.Name, cancellationToken: token),
            HostPods.Timeout, "the pod object to disappear");
        Assert.False(ProcessTable.IsAlive(pid), $"container process {pid} still runs after its pod is gone");
        Assert.Empty(ProcessTable.WithCommandLineContaining(marker));
        Assert.False(Directory.Exists(cluster.Runner.PodDirectory(running)), "the pod folder is left behind");
    }
}
