using System.Diagnostics;
using k8s;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Node;

namespace S1IdentityK8s.ControlPlane.Tests.Node;

/// <summary>
/// Clusters with nodes of their own (not the shared one): two at once, each isolated from the other; each
/// disposed and checked for leftovers on the host.
/// </summary>
public sealed class LocalNodeLifecycleTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [LocalControlPlaneFact]
    public async Task TwoClustersAtOnce_EachNodeIsolated_DisposeLeavesNothingOnTheHost()
    {
        var iptablesBefore = await HostNetwork.IptablesAsync();
        var forwardingBefore = HostNetwork.Forwarding;
        var first = ControlPlaneFixture.WithOptions(new ControlPlaneOptions { StartNode = true });
        var second = ControlPlaneFixture.WithOptions(new ControlPlaneOptions { StartNode = true });
        var clock = Stopwatch.StartNew();
        try
        {
            await Task.WhenAll(first.InitializeAsync(), second.InitializeAsync());
            output.WriteLine($"two clusters with a node Ready in {clock.Elapsed.TotalSeconds:F1} s");
            var (a, b) = (first.Node!, second.Node!);
            Assert.NotEqual(a.Network.Namespace, b.Network.Namespace);
            Assert.NotEqual(a.Network.HostInterface, b.Network.HostInterface);
            Assert.NotEqual(a.Network.PodSubnet, b.Network.PodSubnet);
            Assert.NotEqual(a.CgroupRoot, b.CgroupRoot);
            await RunPauseAsync(first);
            var pausedOnSecond = await RunPauseAsync(second);

            var trace = await NodeTrace.RecordAsync(a);
            clock.Restart();
            await first.DisposeAsync();
            output.WriteLine($"first cluster disposed in {clock.Elapsed.TotalSeconds:F1} s");
            Assert.Empty(await trace.LeftoversAsync());
            // The other node is untouched: its pod's container still runs and it stays Ready.
            Assert.Contains(pausedOnSecond, (await NodeContainers.TasksAsync(b)).Values);
            var node = await second.Client.CoreV1.ReadNodeAsync(LocalNode.NodeName);
            Assert.Contains(node.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");

            trace = await NodeTrace.RecordAsync(b);
            await second.DisposeAsync();
            Assert.Empty(await trace.LeftoversAsync());
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }

        // The nodes kept everything in their own network namespaces: the host's rules and forwarding are as they were.
        Assert.Equal(iptablesBefore, await HostNetwork.IptablesAsync());
        Assert.Equal(forwardingBefore, HostNetwork.Forwarding);
    }

    // Runs the pause image as a pod; returns the pid of its container.
    private static async Task<int> RunPauseAsync(ControlPlaneFixture cluster)
    {
        var images = await NodeImages.ResolveAsync();
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(RestrictedPod.Build("pause", images.Pause.Name), "default");
        var pod = await ClusterWait.ForAsync(
            t => cluster.Client.CoreV1.ReadNamespacedPodAsync("pause", "default", cancellationToken: t),
            p => p?.Status?.Phase == "Running", Patience, "the pause pod to run");
        return (await NodeContainers.PidsAsync(cluster.Node!, pod!))["main"];
    }
}
