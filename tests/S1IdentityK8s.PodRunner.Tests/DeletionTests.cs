using System.Globalization;
using System.Security.Cryptography;
using k8s;
using k8s.Models;
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
        var pid = PidOf(running);
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

    [LocalControlPlaneFact]
    public async Task ForceDeletedPod_IsKilledAtOnce()
    {
        await using var ns = await cluster.CreateNamespaceAsync("force");
        var client = cluster.Client;
        var marker = $"s1k8s-force-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}";
        // Ignores SIGTERM: only a kill ends it before its 30 s grace period.
        var container = HostPods.Shell("app", "trap '' TERM; while :; do sleep 0.1; done");
        container.Args = [marker];
        var pod = HostPods.Pod("stubborn", container);
        pod.Spec.TerminationGracePeriodSeconds = 30;
        await HostPods.CreateAsync(client, ns.Name, pod);
        var running = await HostPods.WaitRunningAsync(client, ns.Name, "stubborn", cluster.Runner);
        Assert.NotEmpty(ProcessTable.WithCommandLineContaining(marker));

        await client.CoreV1.DeleteNamespacedPodAsync("stubborn", ns.Name, gracePeriodSeconds: 0);

        await ClusterWait.ForAsync(
            _ => Task.FromResult<IReadOnlyList<int>?>(ProcessTable.WithCommandLineContaining(marker)),
            pids => pids?.Count == 0, TimeSpan.FromSeconds(5), "the force-deleted pod's processes to be killed");
        Assert.False(ProcessTable.IsAlive(PidOf(running)));
    }

    [LocalControlPlaneFact]
    public async Task ForceDeletingAPodDuringItsGracePeriod_KillsItAtOnce()
    {
        await using var ns = await cluster.CreateNamespaceAsync("grace");
        var client = cluster.Client;
        var marker = $"s1k8s-grace-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}";
        // Notes SIGTERM, then carries on: only SIGKILL ends it.
        var container = HostPods.Shell("app", "trap 'echo term > /run/s1k8s-runner-test/out/got' TERM; while :; do sleep 0.1; done");
        container.Args = [marker];
        container.VolumeMounts = [new V1VolumeMount { Name = "out", MountPath = "/run/s1k8s-runner-test/out" }];
        var pod = HostPods.Pod("slow", container);
        pod.Spec.TerminationGracePeriodSeconds = 30;
        pod.Spec.Volumes = [new V1Volume { Name = "out", EmptyDir = new V1EmptyDirVolumeSource() }];
        var created = await HostPods.CreateAsync(client, ns.Name, pod);
        await HostPods.WaitRunningAsync(client, ns.Name, "slow", cluster.Runner);
        await client.CoreV1.DeleteNamespacedPodAsync("slow", ns.Name);
        await HostPods.WaitForFileAsync(Path.Combine(cluster.Runner.PodDirectory(created), "volumes", "out", "got"), _ => true,
            "the app to get SIGTERM and start its 30 s grace period");

        await client.CoreV1.DeleteNamespacedPodAsync("slow", ns.Name, gracePeriodSeconds: 0);

        await ClusterWait.ForAsync(
            _ => Task.FromResult<IReadOnlyList<int>?>(ProcessTable.WithCommandLineContaining(marker)),
            pids => pids?.Count == 0, TimeSpan.FromSeconds(5), "the force-deleted pod's processes to be killed within its grace period");
    }

    private static int PidOf(V1Pod pod) =>
        int.Parse(pod.Status.ContainerStatuses[0].ContainerID.Replace("s1k8s://", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
