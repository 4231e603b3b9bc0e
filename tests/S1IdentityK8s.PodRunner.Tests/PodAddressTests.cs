using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>Each pod has its own loopback address, so pods can all bind the same port.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class PodAddressTests(PodRunnerCluster cluster)
{
    [LocalControlPlaneFact]
    public async Task TwoPods_GetDistinctAddresses_AndBothServeTheSamePort()
    {
        await using var ns = await cluster.CreateNamespaceAsync("ips");
        var client = cluster.Client;
        foreach (var name in new[] { "a", "b" })
        {
            var container = HostPods.Shell("server", "exec python3 -m http.server --bind \"$POD_IP\" 8081");
            container.Env = [new V1EnvVar { Name = "POD_IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } } }];
            container.ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = 8081 }, PeriodSeconds = 1 };
            await HostPods.CreateAsync(client, ns.Name, HostPods.Pod(name, container));
        }

        var a = await HostPods.WaitAsync(client, ns.Name, "a", p => HostPods.ReadyIs(p, "True"), "to be Ready", cluster.Runner);
        var b = await HostPods.WaitAsync(client, ns.Name, "b", p => HostPods.ReadyIs(p, "True"), "to be Ready", cluster.Runner);

        Assert.NotEqual(a.Status.PodIP, b.Status.PodIP);
        Assert.Equal([a.Status.PodIP], a.Status.PodIPs.Select(i => i.Ip));
        using var http = new HttpClient();
        foreach (var ip in new[] { a.Status.PodIP, b.Status.PodIP })
        {
            using var response = await http.GetAsync(new Uri($"http://{ip}:8081/"));
            Assert.True(response.IsSuccessStatusCode, $"{ip}:8081 answered {response.StatusCode}");
        }
    }
}
