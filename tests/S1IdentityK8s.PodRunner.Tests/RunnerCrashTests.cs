using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>
/// A runner killed outright leaves no pod process behind, and a runner started again for the same node
/// starts the pods bound to it.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class RunnerCrashTests(PodRunnerCluster cluster)
{
    [LocalControlPlaneFact]
    public async Task KilledRunner_LeavesNoPodProcess_AndItsSuccessorStartsTheBoundPodAgain()
    {
        await using var ns = await cluster.CreateNamespaceAsync("crash-runner");
        var client = cluster.Client;
        var doomed = await PodRunnerProcess.StartAsync(client, cluster.KubeconfigPath);
        PodRunnerProcess? successor = null;
        try
        {
            var pod = HostPods.Pod("orphan", HostPods.Shell("app", "sleep 3600 & sleep 3600 & wait"));
            // Only this test's runner may take it.
            pod.Spec.NodeSelector = new Dictionary<string, string> { ["kubernetes.io/hostname"] = doomed.NodeName };
            await HostPods.CreateAsync(client, ns.Name, pod);
            var running = await HostPods.WaitRunningAsync(client, ns.Name, "orphan", doomed);
            var containerPid = PidOf(running);
            var members = await ClusterWait.ForAsync(
                _ => Task.FromResult<IReadOnlyList<int>?>(PidNamespace.MembersUnder(containerPid)),
                pids => pids?.Count >= 3, HostPods.Timeout, "the shell and its two sleeps");

            using (var process = Process.GetProcessById(doomed.Id))
            {
                process.Kill(entireProcessTree: false);
            }

            await doomed.WaitForExitAsync(TimeSpan.FromSeconds(10));
            int[] all = [containerPid, .. members!];
            await ClusterWait.ForAsync(
                _ => Task.FromResult<int[]?>([.. all.Where(ProcessTable.IsAlive)]),
                alive => alive?.Length == 0, TimeSpan.FromSeconds(5), "every process of the pod to die with its runner");

            successor = await PodRunnerProcess.StartAsync(client, cluster.KubeconfigPath, doomed.NodeName);
            var restarted = await HostPods.WaitAsync(client, ns.Name, "orphan",
                p => p.Status?.ContainerStatuses?.FirstOrDefault()?.ContainerID is { } id && id != running.Status.ContainerStatuses[0].ContainerID
                    && p.Status.Phase == "Running",
                "to be started again by the successor", successor);
            Assert.True(ProcessTable.IsAlive(PidOf(restarted)));
            Assert.Equal(running.Status.PodIP, restarted.Status.PodIP);

            await client.CoreV1.DeleteNamespacedPodAsync("orphan", ns.Name);
            await ClusterWait.ForDeletionAsync(
                async token => await client.CoreV1.ReadNamespacedPodAsync("orphan", ns.Name, cancellationToken: token),
                HostPods.Timeout, "the pod to be deleted by the successor");
        }
        finally
        {
            await doomed.DisposeAsync();
            if (successor is not null)
            {
                await successor.DisposeAsync();
            }
        }
    }

    private static int PidOf(V1Pod pod) =>
        int.Parse(pod.Status.ContainerStatuses[0].ContainerID.Replace("s1k8s://", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
