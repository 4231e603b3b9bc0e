using System.Diagnostics;
using k8s;
using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.ControlPlane.Tests;

/// <summary>A cluster with a node of its own: started, a pod run on it, disposed, checked for leftovers.</summary>
public sealed class LocalNodeLifecycleTests(ITestOutputHelper output)
{
    [LocalControlPlaneFact]
    public async Task DisposeAsync_AfterAPodRan_LeavesNothing()
    {
        var fixture = ControlPlaneFixture.WithOptions(new ControlPlaneOptions { StartNode = true });
        var clock = Stopwatch.StartNew();
        await fixture.InitializeAsync();
        var started = clock.Elapsed;
        var node = fixture.Node!;
        var pod = await fixture.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "pause" },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "pause", Image = "localhost/s1identityk8s/pause:1.0", ImagePullPolicy = "Never" }],
            },
        }, "default");
        await ClusterWait.ForAsync(
            t => fixture.Client.CoreV1.ReadNamespacedPodAsync("pause", "default", cancellationToken: t),
            p => p?.Status?.Phase == "Running", TimeSpan.FromSeconds(60), "the pod to run");
        output.WriteLine($"started in {started.TotalSeconds:F2} s, pod running at {clock.Elapsed.TotalSeconds:F2} s");
        clock.Restart();
        await fixture.DisposeAsync();
        output.WriteLine($"stopped in {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Empty(ProcessTable.WithCommandLineContaining(node.Directory));
        Assert.False(Directory.Exists(node.Directory));
        Assert.NotNull(pod);
    }
}
