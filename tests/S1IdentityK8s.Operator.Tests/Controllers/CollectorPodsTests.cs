using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Collectors;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>The operator reaches a collector at its running pod's IP, read from the apiserver.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class CollectorPodsTests(ControlPlaneFixture cluster)
{
    [Fact]
    public async Task Address_RunningReadyPodAmongOthers_IsThatPodsIp()
    {
        await using var ns = await cluster.CreateNamespaceAsync("pods");
        var intake = Intake(ns.Name);
        await CreatePodAsync(ns.Name, "pending", intake, phase: null, ip: null, ready: false);
        await CreatePodAsync(ns.Name, "starting", intake, phase: "Running", ip: "127.0.9.1", ready: false);
        await CreatePodAsync(ns.Name, "serving", intake, phase: "Running", ip: "127.0.9.2", ready: true);
        await CreatePodAsync(ns.Name, "other-intake", Intake(ns.Name, "other"), phase: "Running", ip: "127.0.9.3", ready: true);

        var address = await CollectorPods.AddressAsync(cluster.Client, intake, CancellationToken.None);

        Assert.Equal(new Uri("http://127.0.9.2:50051"), address);
    }

    [Fact]
    public async Task Address_NoRunningPod_IsNull()
    {
        await using var ns = await cluster.CreateNamespaceAsync("pods");
        var intake = Intake(ns.Name);
        await CreatePodAsync(ns.Name, "pending", intake, phase: null, ip: null, ready: false);

        Assert.Null(await CollectorPods.AddressAsync(cluster.Client, intake, CancellationToken.None));
    }

    [Theory]
    [InlineData("10.1.2.3", "http://10.1.2.3:50051/")]
    [InlineData("fd00::7", "http://[fd00::7]:50051/")]
    public void Address_OfPodIp_BracketsIpv6(string ip, string expected) =>
        Assert.Equal(expected, CollectorPods.Address(ip).ToString());

    private static V1Alpha1SentinelOneIdentityIntake Intake(string ns, string name = "acme") =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns } };

    private async Task CreatePodAsync(string ns, string name, V1Alpha1SentinelOneIdentityIntake intake, string? phase, string? ip, bool ready)
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = IntakeNames.SelectorLabels(intake) },
            Spec = new V1PodSpec
            {
                AutomountServiceAccountToken = false,
                Containers = [new V1Container { Name = "collector", Image = "ghcr.io/s1identityk8s/collector:0.1.0" }],
            },
        };
        // The ServiceAccount admission plugin refuses pods until the namespace's default ServiceAccount exists.
        var created = await ClusterWait.ForAsync(
            async t => await cluster.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: t),
            p => p is not null, TimeSpan.FromSeconds(10), $"pod {name} created");
        if (phase is null)
        {
            return;
        }

        created!.Status = new V1PodStatus
        {
            Phase = phase,
            PodIP = ip,
            StartTime = DateTime.UtcNow,
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
        };
        await cluster.Client.CoreV1.ReplaceNamespacedPodStatusAsync(created, name, ns);
    }
}
