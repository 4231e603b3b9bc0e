using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>Containers that exit are restarted with back-off, as with restartPolicy Always.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class CrashLoopTests(PodRunnerCluster cluster)
{
    [LocalControlPlaneFact]
    public async Task CrashingContainer_IsRestarted_WithCrashLoopBackOffBetweenRuns()
    {
        await using var ns = await cluster.CreateNamespaceAsync("crash");
        var client = cluster.Client;
        await HostPods.CreateAsync(client, ns.Name, HostPods.Pod("crash", HostPods.Shell("app", "echo crashing; exit 3")));

        var backingOff = await HostPods.WaitAsync(client, ns.Name, "crash",
            p => p.Status?.ContainerStatuses?.FirstOrDefault() is { State.Waiting.Reason: "CrashLoopBackOff", RestartCount: >= 1 },
            "to back off after a crash", cluster.Runner);
        Assert.Equal(3, backingOff.Status.ContainerStatuses[0].LastState.Terminated.ExitCode);
        Assert.False(backingOff.Status.ContainerStatuses[0].Ready);

        var restarted = await HostPods.WaitAsync(client, ns.Name, "crash",
            p => p.Status?.ContainerStatuses?.FirstOrDefault()?.RestartCount >= 2, "to restart twice", cluster.Runner);
        Assert.Equal("Running", restarted.Status.Phase);
        Assert.Contains("crashing", await File.ReadAllTextAsync(Path.Combine(cluster.Runner.PodDirectory(restarted), "app.log")));
    }

    [LocalControlPlaneFact]
    public async Task UnknownImage_LeavesThePodPending_WithErrImagePullNamingTheImage()
    {
        await using var ns = await cluster.CreateNamespaceAsync("pull");
        var client = cluster.Client;
        var pod = HostPods.Pod("nope", new V1Container { Name = "app", Image = "registry.example/nope:1.0" });

        await HostPods.CreateAsync(client, ns.Name, pod);

        var waiting = await HostPods.WaitAsync(client, ns.Name, "nope",
            p => p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "ErrImagePull", "to fail pulling", cluster.Runner);
        Assert.Equal("Pending", waiting.Status.Phase);
        Assert.Contains("registry.example/nope:1.0", waiting.Status.ContainerStatuses[0].State.Waiting.Message, StringComparison.Ordinal);
    }
}
