using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Stack;
using Xunit.Abstractions;

namespace S1IdentityK8s.EndToEnd.Tests;

/// <summary>
/// What users see when the collector pod cannot run, now that a real kubelet and scheduler run it: an
/// image that cannot be pulled, a collector that keeps crashing, a pod no node accepts. Each intake says
/// so (Ready=False, Stalled=True, the reason and the kubelet's or container's message, in `kubectl
/// describe`), and the operator does not rewrite it while the kubelet keeps retrying.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class CollectorPodFailureTests(LocalClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);
    private static readonly string[] Intakes = ["pull", "unschedulable", "crash"];

    // A registry on the node's own loopback, where nothing listens: the pull fails at once, and no
    // request ever leaves the machine.
    private const string MissingImage = "127.0.0.1:9/s1identityk8s/collector:missing";

    [LocalControlPlaneFact]
    public async Task PodsThatCannotRun_IntakesSayWhyInTheirStatus_WithoutStatusChurn()
    {
        await using var system = await cluster.CreateNamespaceAsync("fail-system");
        await using var soc = await cluster.CreateNamespaceAsync("fail-soc");
        var release = $"fail-{system.Name[^8..]}";
        try
        {
            (await OperatorRelease.InstallAsync(cluster.Helm, release, system.Name, Patience)).EnsureSuccess();
            // Nothing listens there; none of these collectors gets far enough to call it.
            var unreachable = $"https://{cluster.Node!.Network.HostAddress}:9";
            // A checkpoint a person damaged by hand: only the collector can tell, once it reads it.
            await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = "crash-checkpoint" },
                Data = new Dictionary<string, string> { ["checkpoint.json"] = "{ this is not a checkpoint" },
            }, soc.Name);
            await ApplyAsync(soc.Name, Intake("pull", unreachable), "  collector: {image: \"" + MissingImage + "\"}\n");
            await ApplyAsync(soc.Name, Intake("unschedulable", unreachable), "  collector: {nodeSelector: {disktype: ssd}}\n");
            await ApplyAsync(soc.Name, Intake("crash", unreachable), "");

            var pull = await WaitStalledAsync(soc.Name, "pull", "ImagePullFailed");
            Assert.Contains(MissingImage, Message(pull), StringComparison.Ordinal);
            var unschedulable = await WaitStalledAsync(soc.Name, "unschedulable", "Unschedulable");
            Assert.Contains("didn't match", Message(unschedulable), StringComparison.Ordinal);
            var crash = await WaitStalledAsync(soc.Name, "crash", "CrashLooping");
            Assert.Contains("exits with code", Message(crash), StringComparison.Ordinal);
            Assert.Contains("checkpoint", Message(crash), StringComparison.OrdinalIgnoreCase);

            var describe = (await cluster.Kubectl.RunAsync("describe", "s1intake", "-n", soc.Name, "crash")).EnsureSuccess().StandardOutput;
            output.WriteLine(describe);
            Assert.Contains("CrashLooping", describe, StringComparison.Ordinal);

            // The kubelet goes on retrying: two more restarts of the crashing collector, and more pull attempts.
            var versions = await VersionsAsync(soc.Name);
            var crashPod = await PodAsync(soc.Name, "crash");
            var restarts = crashPod.Status.ContainerStatuses.Single().RestartCount;
            await ClusterWait.ForAsync(
                async t => await PodAsync(soc.Name, "crash", t),
                p => p!.Status.ContainerStatuses.Single().RestartCount >= restarts + 2, Patience,
                "two more restarts of the crashing collector");
            // Nothing changed for the intakes, so nothing was written.
            Assert.Equal(versions, await VersionsAsync(soc.Name));
            output.WriteLine($"statuses unchanged over {restarts}→{restarts + 2} restarts: {string.Join(", ", versions)}");
            foreach (var name in Intakes)
            {
                output.WriteLine($"{name}: {Message((await ReadAsync(soc.Name, name))!)}");
            }
        }
        finally
        {
            await cluster.Helm.RunAsync("uninstall", release, "--namespace", system.Name, "--wait");
        }
    }

    private static IntakeManifest Intake(string name, string endpoint) => new()
    {
        Name = name,
        Hostname = endpoint,
        ApiToken = $"{name}-token",
        IntakeKey = $"{name}-key",
        SekoiaEndpoint = endpoint,
    };

    // The manifest with extra spec lines appended (after the intake's last spec section).
    private async Task ApplyAsync(string ns, IntakeManifest intake, string extraSpec)
    {
        var yaml = intake.ToYaml().Replace("sentinelone-api-token", $"{intake.Name}-s1").Replace("sekoia-intake-key", $"{intake.Name}-sekoia");
        (await cluster.Kubectl.ApplyAsync(yaml.TrimEnd('\n') + "\n" + extraSpec, ns)).EnsureSuccess();
    }

    private async Task<JsonObject> WaitStalledAsync(string ns, string name, string reason)
    {
        try
        {
            return (await ClusterWait.ForAsync(
                t => ReadAsync(ns, name, t)!,
                i => Condition(i, "Stalled") is { } stalled && stalled["status"]?.GetValue<string>() == "True"
                    && stalled["reason"]?.GetValue<string>() == reason
                    && Condition(i, "Ready")?["reason"]?.GetValue<string>() == reason
                    && Condition(i, "Reconciling")?["status"]?.GetValue<string>() == "False",
                Patience, $"intake {name} Stalled with reason {reason}"))!;
        }
        catch (TimeoutException e)
        {
            var pods = await cluster.Kubectl.RunAsync("describe", "pods", "-n", ns, "-l", $"app.kubernetes.io/instance={name}");
            throw new TimeoutException($"{e.Message}\n{pods.StandardOutput}", e);
        }
    }

    private async Task<List<string>> VersionsAsync(string ns) =>
        [.. await Task.WhenAll(Intakes.Select(async n => (await ReadAsync(ns, n))!["metadata"]!["resourceVersion"]!.GetValue<string>()))];

    private async Task<V1Pod> PodAsync(string ns, string intake, CancellationToken cancellationToken = default) =>
        (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"app.kubernetes.io/instance={intake}", cancellationToken: cancellationToken))
            .Items.Single(p => p.Metadata.DeletionTimestamp is null);

    private Task<JsonObject?> ReadAsync(string ns, string name, CancellationToken cancellationToken = default) =>
        cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(
            "s1identity.dev", "v1alpha1", ns, "sentineloneidentityintakes", name, cancellationToken)!;

    private static JsonNode? Condition(JsonObject? intake, string type) =>
        intake?["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == type);

    private static string Message(JsonObject intake) => Condition(intake, "Ready")!["message"]!.GetValue<string>();
}
