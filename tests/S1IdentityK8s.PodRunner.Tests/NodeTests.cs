using k8s;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>The runner's Node: registered like a kubelet's, removed when the runner stops.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class NodeTests(PodRunnerCluster cluster)
{
    [LocalControlPlaneFact]
    public async Task Runner_RegistersAReadyLoopbackNode_AndDeletesItWhenStopped()
    {
        var client = cluster.Client;
        var runner = await PodRunnerProcess.StartAsync(client, cluster.KubeconfigPath);
        try
        {
            var node = await client.CoreV1.ReadNodeAsync(runner.NodeName);

            Assert.Equal(runner.NodeName, node.Metadata.Labels["kubernetes.io/hostname"]);
            Assert.Equal("linux", node.Metadata.Labels["kubernetes.io/os"]);
            Assert.Contains(node.Status.Addresses, a => a.Type == "InternalIP" && a.Address == "127.0.0.1");
            Assert.Contains(node.Status.Conditions, c => c.Type == "Ready" && c.Status == "True" && c.LastHeartbeatTime is not null);
            foreach (var resource in new[] { "cpu", "memory", "pods" })
            {
                Assert.True(node.Status.Capacity.ContainsKey(resource), $"capacity lacks {resource}");
                Assert.True(node.Status.Allocatable.ContainsKey(resource), $"allocatable lacks {resource}");
            }

            Assert.Equal(0, await runner.StopAsync(TimeSpan.FromSeconds(20)));
            await ClusterWait.ForDeletionAsync(
                async token => await client.CoreV1.ReadNodeAsync(runner.NodeName, cancellationToken: token),
                TimeSpan.FromSeconds(5), "the stopped runner's node to be deleted");
        }
        finally
        {
            await runner.DisposeAsync();
        }
    }
}
