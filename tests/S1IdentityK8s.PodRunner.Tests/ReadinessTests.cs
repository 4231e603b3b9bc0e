using k8s;
using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>Readiness comes from a real probe of the real process, and Deployments work on top of it.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class ReadinessTests(PodRunnerCluster cluster)
{
    [LocalControlPlaneFact]
    public async Task Deployment_BecomesAvailable_WhenItsPodPassesAnHttpReadinessProbe_AndReplacesDeletedPods()
    {
        await using var ns = await cluster.CreateNamespaceAsync("ready");
        var client = cluster.Client;
        await HostPods.WaitForDefaultServiceAccountAsync(client, ns.Name);
        // Listens only after a while: the pod must run un-ready first.
        var container = HostPods.Shell("web", "sleep 1.5; exec python3 -m http.server --bind \"$POD_IP\" 8080");
        container.Env = [new V1EnvVar { Name = "POD_IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } } }];
        container.Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }];
        container.ReadinessProbe = new V1Probe
        {
            HttpGet = new V1HTTPGetAction { Port = "http", Path = "/" },
            PeriodSeconds = 1,
        };
        var labels = new Dictionary<string, string> { ["app"] = "web" };
        await client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [container], TerminationGracePeriodSeconds = 1 },
                },
            },
        }, ns.Name);

        var first = await WaitForPodAsync(ns.Name, p => p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Running is not null,
            "a running pod of the deployment");
        var unready = await HostPods.WaitAsync(client, ns.Name, first.Metadata.Name,
            p => p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Running is not null, "to run", cluster.Runner);
        Assert.True(HostPods.ReadyIs(unready, "False"), "ready before the process listens");
        Assert.False(unready.Status.ContainerStatuses[0].Ready);
        var ready = await HostPods.WaitAsync(client, ns.Name, first.Metadata.Name, p => HostPods.ReadyIs(p, "True"), "to be Ready", cluster.Runner);
        Assert.True(ready.Status.ContainerStatuses[0].Ready);
        await cluster.Runner.WaitForOutputAsync(l => l == $"pod {ns.Name}/{first.Metadata.Name}: ready", HostPods.Timeout);
        await WaitAvailableAsync(ns.Name);

        await client.CoreV1.DeleteNamespacedPodAsync(first.Metadata.Name, ns.Name);
        var replacement = await WaitForPodAsync(ns.Name,
            p => p.Metadata.Uid != first.Metadata.Uid && HostPods.ReadyIs(p, "True"), "a ready replacement pod");
        Assert.Equal(cluster.Runner.NodeName, replacement.Spec.NodeName);
        await ClusterWait.ForDeletionAsync(
            async token => await client.CoreV1.ReadNamespacedPodAsync(first.Metadata.Name, ns.Name, cancellationToken: token),
            HostPods.Timeout, "the deleted pod to disappear");
        await WaitAvailableAsync(ns.Name);
    }

    private async Task<V1Pod> WaitForPodAsync(string ns, Func<V1Pod, bool> condition, string description)
    {
        var list = await ClusterWait.ForAsync(
            async token => await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web", cancellationToken: token),
            pods => pods?.Items.Any(condition) == true, HostPods.Timeout, description);
        return list!.Items.First(condition);
    }

    private Task<V1Deployment?> WaitAvailableAsync(string ns) =>
        ClusterWait.ForAsync(
            async token => await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns, cancellationToken: token),
            d => d?.Status?.Conditions?.Any(c => c.Type == "Available" && c.Status == "True") == true
                && d.Status.AvailableReplicas == 1,
            HostPods.Timeout, "the deployment to be Available");
}
