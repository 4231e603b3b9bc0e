using System.Text;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>A pod is scheduled, runs, and its process sees the env and files the kubelet would give it.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed partial class PodEnvironmentTests(PodRunnerCluster cluster)
{
    private const string Script = """
        {
          echo "FOO=$FOO"
          echo "BAR=$BAR"
          echo "ESC=$ESC"
          echo "ARG=$1"
          echo "POD_IP=$POD_IP"
          echo "POD_NAME=$POD_NAME"
          echo "SECRET_VAL=$SECRET_VAL"
          echo "CM_VAL=$CM_VAL"
          echo "SENTINEL=${S1K8S_RUNNER_SENTINEL:-absent}"
          echo "KUBECONFIG=${KUBECONFIG:-absent}"
          echo "HOSTNAME=$HOSTNAME"
          echo "SERVICE_HOST=$KUBERNETES_SERVICE_HOST"
          echo "LISTEN=$COLLECTOR_LISTEN_ADDRESS"
          echo "CONFIG=$(cat /etc/s1k8s-runner-test/config/settings.yaml)"
          echo "PASSWORD=$(cat /etc/s1k8s-runner-test/secret/password)"
          touch /etc/s1k8s-runner-test/secret/probe 2>/dev/null && echo "SECRET_MOUNT=rw" || echo "SECRET_MOUNT=ro"
          echo "SA_NAMESPACE=$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)"
          test -s /var/run/secrets/kubernetes.io/serviceaccount/token && echo "SA_TOKEN=present"
          echo "TMP_ENTRIES=$(ls -A /tmp | wc -l)"
        } > /run/s1k8s-runner-test/out/seen.tmp
        mv /run/s1k8s-runner-test/out/seen.tmp /run/s1k8s-runner-test/out/seen
        exec sleep 3600
        """;

    [LocalControlPlaneFact]
    public async Task Pod_IsBoundAndRuns_WithKubeletEnvironmentAndVolumes()
    {
        await using var ns = await cluster.CreateNamespaceAsync("env");
        var client = cluster.Client;
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "creds" },
            Data = new Dictionary<string, byte[]> { ["password"] = "s3cr3t"u8.ToArray(), ["token"] = "tok-1"u8.ToArray() },
        }, ns.Name);
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "settings" },
            Data = new Dictionary<string, string> { ["settings.yaml"] = "level: debug", ["mode"] = "fast" },
        }, ns.Name);
        var container = HostPods.Shell("app", Script);
        container.Args = ["argv0", "$(FOO)-arg"];
        container.Env =
        [
            new V1EnvVar { Name = "FOO", Value = "value" },
            new V1EnvVar { Name = "BAR", Value = "$(FOO)-bar-$(UNDEFINED)" },
            new V1EnvVar { Name = "ESC", Value = "$$(FOO)" },
            new V1EnvVar { Name = "POD_IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } } },
            new V1EnvVar { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
            new V1EnvVar { Name = "SECRET_VAL", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "creds", Key = "token" } } },
            new V1EnvVar { Name = "CM_VAL", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "settings", Key = "mode" } } },
        ];
        container.VolumeMounts =
        [
            new V1VolumeMount { Name = "out", MountPath = "/run/s1k8s-runner-test/out" },
            // Like the charts: an emptyDir over /tmp, which also holds the runner's work folder.
            new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
            new V1VolumeMount { Name = "config", MountPath = "/etc/s1k8s-runner-test/config" },
            new V1VolumeMount { Name = "secret", MountPath = "/etc/s1k8s-runner-test/secret", ReadOnlyProperty = true },
        ];
        var pod = HostPods.Pod("env", container);
        pod.Spec.Volumes =
        [
            new V1Volume { Name = "out", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "settings" } },
            new V1Volume { Name = "secret", Secret = new V1SecretVolumeSource { SecretName = "creds" } },
        ];

        var created = await HostPods.CreateAsync(client, ns.Name, pod);
        var running = await HostPods.WaitRunningAsync(client, ns.Name, "env", cluster.Runner);
        var seen = await HostPods.WaitForFileAsync(
            Path.Combine(cluster.Runner.PodDirectory(created), "volumes", "out", "seen"), t => t.Contains("SA_NAMESPACE", StringComparison.Ordinal),
            "the pod to write what it sees");

        Assert.Equal(cluster.Runner.NodeName, running.Spec.NodeName);
        Assert.Matches(PodIpPattern(), running.Status.PodIP);
        Assert.Equal("127.0.0.1", running.Status.HostIP);
        var values = seen.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        Assert.Equal("value", values["FOO"]);
        Assert.Equal("value-bar-$(UNDEFINED)", values["BAR"]);
        Assert.Equal("$(FOO)", values["ESC"]);
        Assert.Equal("value-arg", values["ARG"]);
        Assert.Equal(running.Status.PodIP, values["POD_IP"]);
        Assert.Equal("env", values["POD_NAME"]);
        Assert.Equal("tok-1", values["SECRET_VAL"]);
        Assert.Equal("fast", values["CM_VAL"]);
        Assert.Equal("absent", values["SENTINEL"]);
        Assert.Equal("absent", values["KUBECONFIG"]);
        Assert.Equal("env", values["HOSTNAME"]);
        Assert.Equal("127.0.0.1", values["SERVICE_HOST"]);
        Assert.Equal(running.Status.PodIP, values["LISTEN"]);
        Assert.Equal("level: debug", values["CONFIG"]);
        Assert.Equal("s3cr3t", values["PASSWORD"]);
        Assert.Equal("ro", values["SECRET_MOUNT"]);
        Assert.Equal(ns.Name, values["SA_NAMESPACE"]);
        Assert.Equal("present", values["SA_TOKEN"]);
        Assert.Equal("0", values["TMP_ENTRIES"].Trim());
        var pid = running.Status.ContainerStatuses[0].ContainerID.Replace("s1k8s://", "", StringComparison.Ordinal);
        await cluster.Runner.WaitForOutputAsync(
            l => l == $"pod {ns.Name}/env: started app pid {pid} on {running.Status.PodIP}", HostPods.Timeout);
        Assert.Equal(Encoding.UTF8.GetString("s3cr3t"u8), File.ReadAllText(
            Path.Combine(cluster.Runner.PodDirectory(created), "volumes", "secret", "password")));
    }

    [GeneratedRegex(@"^127\.0\.([1-9]\d*)\.([1-9]\d*)$")]
    private static partial Regex PodIpPattern();
}
