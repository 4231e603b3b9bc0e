using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>Init containers, restart policies and exec liveness probes, as the kubelet runs them.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class ContainerLifecycleTests(PodRunnerCluster cluster)
{
    [LocalControlPlaneFact]
    public async Task InitContainers_RunInOrderToCompletion_BeforeTheAppStarts()
    {
        await using var ns = await cluster.CreateNamespaceAsync("init");
        var client = cluster.Client;
        var mounts = new List<V1VolumeMount> { new() { Name = "work", MountPath = "/run/s1k8s-runner-test/work" } };
        var first = HostPods.Shell("first", "echo first >> /run/s1k8s-runner-test/work/order");
        var second = HostPods.Shell("second", "test -f /run/s1k8s-runner-test/work/order && echo second >> /run/s1k8s-runner-test/work/order");
        var app = HostPods.Shell("app", "echo app >> /run/s1k8s-runner-test/work/order; exec sleep 3600");
        first.VolumeMounts = second.VolumeMounts = app.VolumeMounts = mounts;
        var pod = HostPods.Pod("init", app);
        pod.Spec.InitContainers = [first, second];
        pod.Spec.Volumes = [new V1Volume { Name = "work", EmptyDir = new V1EmptyDirVolumeSource() }];

        var created = await HostPods.CreateAsync(client, ns.Name, pod);

        var running = await HostPods.WaitRunningAsync(client, ns.Name, "init", cluster.Runner);
        Assert.All(running.Status.InitContainerStatuses, s => Assert.Equal("Completed", s.State.Terminated?.Reason));
        Assert.Contains(running.Status.Conditions, c => c.Type == "Initialized" && c.Status == "True");
        await HostPods.WaitForFileAsync(Path.Combine(cluster.Runner.PodDirectory(created), "volumes", "work", "order"),
            t => t == "first\nsecond\napp\n", "init containers then the app to write in order");
    }

    [LocalControlPlaneFact]
    public async Task RestartPolicyNever_PodSucceeds_WhenItsContainerExitsZero()
    {
        await using var ns = await cluster.CreateNamespaceAsync("never");
        var client = cluster.Client;
        var pod = HostPods.Pod("job", HostPods.Shell("task", "exit 0"));
        pod.Spec.RestartPolicy = "Never";

        await HostPods.CreateAsync(client, ns.Name, pod);

        var done = await HostPods.WaitAsync(client, ns.Name, "job", p => p.Status?.Phase == "Succeeded", "to succeed", cluster.Runner);
        var status = done.Status.ContainerStatuses[0];
        Assert.Equal(0, status.State.Terminated.ExitCode);
        Assert.Equal("Completed", status.State.Terminated.Reason);
        Assert.Equal(0, status.RestartCount);
    }

    [LocalControlPlaneFact]
    public async Task FailingExecLivenessProbe_RestartsTheContainer_ProbeSeesContainerMounts()
    {
        await using var ns = await cluster.CreateNamespaceAsync("liveness");
        var client = cluster.Client;
        var container = HostPods.Shell("app", "touch /run/s1k8s-runner-test/health/alive; trap 'exit 0' TERM; while :; do sleep 0.1; done");
        container.VolumeMounts = [new V1VolumeMount { Name = "health", MountPath = "/run/s1k8s-runner-test/health" }];
        // The mount point exists on the host too (empty): only a probe inside the container's
        // mounts finds the flag.
        container.ReadinessProbe = new V1Probe
        {
            Exec = new V1ExecAction { Command = ["test", "-f", "/run/s1k8s-runner-test/health/alive"] },
            PeriodSeconds = 1,
        };
        container.LivenessProbe = new V1Probe
        {
            Exec = new V1ExecAction { Command = ["test", "-f", "/run/s1k8s-runner-test/health/alive"] },
            InitialDelaySeconds = 1,
            PeriodSeconds = 1,
            FailureThreshold = 1,
        };
        var pod = HostPods.Pod("live", container);
        pod.Spec.Volumes = [new V1Volume { Name = "health", EmptyDir = new V1EmptyDirVolumeSource() }];
        var created = await HostPods.CreateAsync(client, ns.Name, pod);
        var flag = Path.Combine(cluster.Runner.PodDirectory(created), "volumes", "health", "alive");
        var ready = await HostPods.WaitAsync(client, ns.Name, "live", p => HostPods.ReadyIs(p, "True"), "to be Ready", cluster.Runner);
        Assert.Equal(0, ready.Status.ContainerStatuses[0].RestartCount);

        File.Delete(flag);

        var restarted = await HostPods.WaitAsync(client, ns.Name, "live",
            p => p.Status?.ContainerStatuses?.FirstOrDefault()?.RestartCount >= 1, "to be restarted by its liveness probe", cluster.Runner);
        Assert.Equal(0, restarted.Status.ContainerStatuses[0].LastState.Terminated.ExitCode);
        await cluster.Runner.WaitForOutputAsync(
            l => l.Contains($"pod {ns.Name}/live: app liveness probe failed", StringComparison.Ordinal), HostPods.Timeout);
    }
}
