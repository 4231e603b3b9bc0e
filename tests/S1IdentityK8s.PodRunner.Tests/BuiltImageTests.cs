using k8s;
using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>This repository's images run from their build output, with their Dockerfile's ENTRYPOINT.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class BuiltImageTests(PodRunnerCluster cluster)
{
    [LocalControlPlaneFact]
    public async Task CollectorImage_RunsTheBuiltCollector_WithTheConfigMountedAtTheDockerfilePath()
    {
        await using var ns = await cluster.CreateNamespaceAsync("collector");
        var client = cluster.Client;
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "collector-config" },
            Data = new Dictionary<string, string> { ["collector.yaml"] = "bogus: true\n" },
        }, ns.Name);
        var container = new V1Container
        {
            Name = "collector",
            Image = "ghcr.io/s1identityk8s/collector:dev",
            VolumeMounts = [new V1VolumeMount { Name = "config", MountPath = "/etc/s1identity", ReadOnlyProperty = true }],
        };
        var pod = HostPods.Pod("collector", container);
        pod.Spec.RestartPolicy = "Never";
        pod.Spec.Volumes = [new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "collector-config" } }];

        var created = await HostPods.CreateAsync(client, ns.Name, pod);

        var failed = await HostPods.WaitAsync(client, ns.Name, "collector", p => p.Status?.Phase == "Failed", "to reject its config", cluster.Runner);
        var status = failed.Status.ContainerStatuses[0];
        Assert.Equal(2, status.State.Terminated.ExitCode);
        Assert.EndsWith("S1IdentityK8s.Collector.dll", status.ImageID, StringComparison.Ordinal);
        // The collector read the mounted file named by the ENTRYPOINT's --config and judged its content.
        var log = await File.ReadAllTextAsync(Path.Combine(cluster.Runner.PodDirectory(created), "collector.log"));
        Assert.Contains("bogus: unknown key", log, StringComparison.Ordinal);
    }
}
