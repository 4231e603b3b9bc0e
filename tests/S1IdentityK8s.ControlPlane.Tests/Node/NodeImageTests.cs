using Grpc.Health.V1;
using Grpc.Net.Client;
using k8s;
using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Node;

namespace S1IdentityK8s.ControlPlane.Tests.Node;

/// <summary>
/// The images of `make images` on the real node: imported byte for byte, run under the "restricted" pod
/// security, confined as the host sees their processes, reachable, with logs and exec through kubectl.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class NodeImageTests(LocalClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [LocalControlPlaneFact]
    public async Task Import_MakeImagesArchives_ContainerdHoldsThemWithTheirDigests()
    {
        var images = await NodeImages.ResolveAsync();
        var listed = (await cluster.Node!.Images.RunAsync("images", "ls")).EnsureSuccess().StandardOutput;

        output.WriteLine(listed);
        Assert.Equal(3, images.Images.Count);
        foreach (var image in images.Images)
        {
            Assert.Contains(listed.Split('\n'), line => line.StartsWith(image.Name + " ", StringComparison.Ordinal)
                && line.Contains(image.ManifestDigest, StringComparison.Ordinal));
        }
    }

    [LocalControlPlaneFact]
    public async Task CollectorImage_RestrictedPod_AnswersGrpcHealthAndIsConfined()
    {
        await using var ns = await cluster.CreateNamespaceAsync("image-collector");
        var address = cluster.Node!.Network.HostAddress;
        // Nothing listens there: the collector starts, fails to reach both and keeps serving health.
        var config = $"""
            sentinelOne: {"{"}hostname: "https://{address}:9"{"}"}
            sekoia: {"{"}endpoint: "https://{address}:9"{"}"}
            stateDirectory: /var/lib/s1identity
            """;
        await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "collector" },
            Data = new Dictionary<string, string> { ["collector.yaml"] = config },
        }, ns.Name);
        var pod = RestrictedPod.Build("collector", Image("collector"),
            env: [new V1EnvVar { Name = "S1_API_TOKEN", Value = "image-test-token" }, new V1EnvVar { Name = "SEKOIA_INTAKE_KEY", Value = "image-test-key" }],
            volumes:
            [
                new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "collector" } },
                new V1Volume { Name = "state", EmptyDir = new V1EmptyDirVolumeSource() },
                new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() },
            ],
            mounts:
            [
                new V1VolumeMount { Name = "config", MountPath = "/etc/s1identity", ReadOnlyProperty = true },
                new V1VolumeMount { Name = "state", MountPath = "/var/lib/s1identity" },
                new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
            ]);
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(pod, ns.Name);
        var running = await WaitForPodAsync(ns.Name, "collector", p => p?.Status?.Phase == "Running" && p.Status.PodIP is not null);

        // The host reaches the pod's IP through the node's network, as the operator and a kubelet probe do.
        using var channel = GrpcChannel.ForAddress($"http://{running.Status.PodIP}:50051");
        var health = new Health.HealthClient(channel);
        var serving = await ClusterWait.ForAsync(
            async t =>
            {
                try
                {
                    return await health.CheckAsync(new HealthCheckRequest { Service = "" }, cancellationToken: t);
                }
                catch (Grpc.Core.RpcException)
                {
                    return null;
                }
            },
            r => r?.Status == HealthCheckResponse.Types.ServingStatus.Serving, Patience, "the collector's health SERVING");

        var process = ContainerProcess.Read((await NodeContainers.PidsAsync(cluster.Node, running))["main"]);
        output.WriteLine($"collector pid {process.Pid}: uid {process.UserId}, CapEff {process.EffectiveCapabilities}, NoNewPrivs {process.NoNewPrivileges}, "
            + $"seccomp {process.SeccompMode}, read-only root {process.ReadOnlyRoot}, memory {process.MemoryUsageBytes >> 20} MiB of {process.MemoryLimitBytes >> 20} MiB");
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, serving!.Status);
        Assert.Equal(RestrictedPod.UserId, process.UserId);
        Assert.True(process.HasNoCapabilities);
        Assert.True(process.NoNewPrivileges);
        Assert.Equal(2, process.SeccompMode);
        Assert.True(process.ReadOnlyRoot);
        Assert.Equal(256L << 20, process.MemoryLimitBytes);

        // kubectl logs and exec reach the container through the kubelet.
        var logs = (await cluster.Kubectl.RunAsync("logs", "-n", ns.Name, "collector")).EnsureSuccess().StandardOutput;
        Assert.Contains("\"LogLevel\"", logs, StringComparison.Ordinal);
        var exec = await cluster.Kubectl.RunAsync("exec", "-n", ns.Name, "collector", "--", "/app/S1IdentityK8s.Collector");
        Assert.Equal(2, exec.ExitCode);
        Assert.Contains("usage: S1IdentityK8s.Collector --config FILE", exec.StandardError, StringComparison.Ordinal);
    }

    [LocalControlPlaneFact]
    public async Task OperatorImage_RestrictedPod_GeneratesTheCrdAndExitsZero()
    {
        await using var ns = await cluster.CreateNamespaceAsync("image-operator");
        var tmp = new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() };
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(
            RestrictedPod.Build("operator", Image("operator"), args: ["generate", "crd"], volumes: [tmp],
                mounts: [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }], restartPolicy: "Never"),
            ns.Name);

        var done = await WaitForPodAsync(ns.Name, "operator", p => p?.Status?.Phase is "Succeeded" or "Failed");
        var logs = (await cluster.Kubectl.RunAsync("logs", "-n", ns.Name, "operator")).EnsureSuccess().StandardOutput;

        Assert.Equal("Succeeded", done.Status.Phase);
        Assert.Equal(0, done.Status.ContainerStatuses.Single().State.Terminated.ExitCode);
        Assert.Contains("kind: CustomResourceDefinition", logs, StringComparison.Ordinal);
    }

    [LocalControlPlaneFact]
    public async Task NodeNetwork_AddressOffTheMachine_IsUnreachable()
    {
        var node = cluster.Node!;
        // The namespace routes only to its bridge and to the host end of its veth: no default route.
        var route = await new CliRunner("ip").RunAsync("netns", "exec", node.Network.Namespace, "ip", "route", "get", "192.0.2.1");
        var routes = (await new CliRunner("ip").RunAsync("netns", "exec", node.Network.Namespace, "ip", "route", "show")).EnsureSuccess();

        output.WriteLine(routes.StandardOutput);
        Assert.False(route.Succeeded, route.ToString());
        Assert.Contains("unreachable", route.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("default", routes.StandardOutput, StringComparison.Ordinal);
    }

    private static string Image(string name) =>
        NodeImages.ResolveAsync().GetAwaiter().GetResult().Images.Single(i => i.Name.Contains($"/{name}:", StringComparison.Ordinal)).Name;

    private async Task<V1Pod> WaitForPodAsync(string ns, string name, Func<V1Pod?, bool> condition)
    {
        try
        {
            return (await ClusterWait.ForAsync(t => cluster.Client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: t), condition, Patience, $"pod {name}"))!;
        }
        catch (TimeoutException e)
        {
            var describe = await cluster.Kubectl.RunAsync("describe", "pod", "-n", ns, name);
            throw new TimeoutException($"{e.Message}\n{describe.StandardOutput}\n{cluster.Node!.LogTail("kubelet", 20)}", e);
        }
    }
}
