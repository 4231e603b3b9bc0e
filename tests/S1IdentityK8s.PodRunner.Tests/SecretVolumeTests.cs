using k8s;
using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>Secret volumes follow the Secret, the kubelet way (atomic <c>..data</c> swap).</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class SecretVolumeTests(PodRunnerCluster cluster)
{
    [LocalControlPlaneFact]
    public async Task UpdatingASecret_UpdatesTheFileTheRunningProcessReads()
    {
        await using var ns = await cluster.CreateNamespaceAsync("rotate");
        var client = cluster.Client;
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "rotating" },
            Data = new Dictionary<string, byte[]> { ["key"] = "v1"u8.ToArray() },
        }, ns.Name);
        var container = HostPods.Shell("reader",
            "while :; do cat /etc/s1k8s-runner-test/rotating/key > /run/s1k8s-runner-test/out/seen.tmp; mv /run/s1k8s-runner-test/out/seen.tmp /run/s1k8s-runner-test/out/seen; sleep 0.1; done");
        container.VolumeMounts =
        [
            new V1VolumeMount { Name = "out", MountPath = "/run/s1k8s-runner-test/out" },
            new V1VolumeMount { Name = "rotating", MountPath = "/etc/s1k8s-runner-test/rotating", ReadOnlyProperty = true },
        ];
        var pod = HostPods.Pod("reader", container);
        pod.Spec.Volumes =
        [
            new V1Volume { Name = "out", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume { Name = "rotating", Secret = new V1SecretVolumeSource { SecretName = "rotating" } },
        ];
        var created = await HostPods.CreateAsync(client, ns.Name, pod);
        var volumes = Path.Combine(cluster.Runner.PodDirectory(created), "volumes");
        var seen = Path.Combine(volumes, "out", "seen");
        await HostPods.WaitForFileAsync(seen, t => t == "v1", "the process to read v1");

        await client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch("""{"data":{"key":"djI="}}""", V1Patch.PatchType.MergePatch), "rotating", ns.Name);

        await HostPods.WaitForFileAsync(seen, t => t == "v2", "the process to read v2 after the update");
        Assert.Equal(Path.Combine("..data", "key"), new FileInfo(Path.Combine(volumes, "rotating", "key")).LinkTarget);
    }
}
