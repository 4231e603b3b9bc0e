using k8s;
using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>
/// A pod reaches the apiserver the in-cluster way (what KubernetesClient's InClusterConfig does): the
/// service account's token and CA from the mounted Secret, host and port from <c>KUBERNETES_SERVICE_*</c>;
/// projected volumes carry a TokenRequest token and downward API files.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class InClusterAccessTests(PodRunnerCluster cluster)
{
    private const string Script = """
        sa=/var/run/secrets/kubernetes.io/serviceaccount
        api="https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT/api"
        legacy=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$sa/ca.crt" -H "Authorization: Bearer $(cat "$sa/token")" "$api")
        projected=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$sa/ca.crt" -H "Authorization: Bearer $(cat /run/s1k8s-runner-test/projected/token)" "$api")
        anonymous=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$sa/ca.crt" "$api")
        {
          echo "legacy=$legacy"
          echo "projected=$projected"
          echo "anonymous=$anonymous"
          echo "podname=$(cat /run/s1k8s-runner-test/projected/podname)"
          echo "labels=$(cat /run/s1k8s-runner-test/projected/labels)"
          echo "mode=$(cat /run/s1k8s-runner-test/projected/mode)"
        } > /run/s1k8s-runner-test/out/result.tmp
        mv /run/s1k8s-runner-test/out/result.tmp /run/s1k8s-runner-test/out/result
        exec sleep 3600
        """;

    [LocalControlPlaneFact]
    public async Task Pod_CallsTheApiServer_WithItsServiceAccountToken_AndProjectedVolumes()
    {
        await using var ns = await cluster.CreateNamespaceAsync("incluster");
        var client = cluster.Client;
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "settings" },
            Data = new Dictionary<string, string> { ["mode"] = "fast" },
        }, ns.Name);
        var container = HostPods.Shell("app", Script);
        container.VolumeMounts =
        [
            new V1VolumeMount { Name = "out", MountPath = "/run/s1k8s-runner-test/out" },
            new V1VolumeMount { Name = "projected", MountPath = "/run/s1k8s-runner-test/projected", ReadOnlyProperty = true },
        ];
        var pod = HostPods.Pod("caller", container);
        pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "caller", ["tier"] = "test" };
        pod.Spec.Volumes =
        [
            new V1Volume { Name = "out", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume
            {
                Name = "projected",
                Projected = new V1ProjectedVolumeSource
                {
                    Sources =
                    [
                        new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "token", ExpirationSeconds = 3600 } },
                        new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "settings", Items = [new V1KeyToPath { Key = "mode", Path = "mode" }] } },
                        new V1VolumeProjection
                        {
                            DownwardAPI = new V1DownwardAPIProjection
                            {
                                Items =
                                [
                                    new V1DownwardAPIVolumeFile { Path = "podname", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } },
                                    new V1DownwardAPIVolumeFile { Path = "labels", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.labels" } },
                                ],
                            },
                        },
                    ],
                },
            },
        ];

        var created = await HostPods.CreateAsync(client, ns.Name, pod);

        var result = await HostPods.WaitForFileAsync(
            Path.Combine(cluster.Runner.PodDirectory(created), "volumes", "out", "result"), t => t.Contains("mode=", StringComparison.Ordinal),
            "the pod to call the apiserver");
        Assert.Contains("legacy=200", result, StringComparison.Ordinal);
        Assert.Contains("projected=200", result, StringComparison.Ordinal);
        // The server answers the pod only because of the token: anonymous discovery is forbidden.
        Assert.Contains("anonymous=403", result, StringComparison.Ordinal);
        Assert.Contains("podname=caller", result, StringComparison.Ordinal);
        Assert.Contains("labels=app=\"caller\"", result, StringComparison.Ordinal);
        Assert.Contains("tier=\"test\"", result, StringComparison.Ordinal);
        Assert.Contains("mode=fast", result, StringComparison.Ordinal);
    }
}
