using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Node;
using S1IdentityK8s.TestSupport.Stack;
using Xunit.Abstractions;

namespace S1IdentityK8s.EndToEnd.Tests;

/// <summary>
/// CR → Deployment → pod → alerts in Sekoia → status back in the CR, the way users run it: helm installs
/// the chart, the real node's kubelet runs the operator and collector from the images of `make images` on
/// containerd + runc, with the securityContext, probes and limits enforced; only the two SaaS are emulated.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class WholeChainTests(LocalClusterFixture cluster, ITestOutputHelper output)
{
    private const string Intake = "acme-identity";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [LocalControlPlaneFact]
    public async Task HelmInstallThenIntake_AlertsFlowStatusFollowsBackfillRotationAndDeletion()
    {
        var clock = Stopwatch.StartNew();
        var node = cluster.Node!;
        await using var system = await cluster.CreateNamespaceAsync("e2e-system");
        await using var soc = await cluster.CreateNamespaceAsync("e2e-soc");
        // Where pods reach them: the host end of the node's network. Off loopback the collector speaks HTTPS
        // only, so they serve it with a test CA that the intake trusts through spec.tls.caBundleRef.
        var listen = node.Network.HostAddress;
        using var ca = TestCertificateAuthority.Create();
        var certificate = ca.IssueServerCertificate(listen.ToString());
        await using var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = "s1-token-1", ListenAddress = listen, ServerCertificate = certificate });
        await using var sekoia = await SekoiaIntakeEmulator.StartAsync(
            new SekoiaIntakeOptions { IntakeKey = "intake-key-1", ListenAddress = listen, ServerCertificate = certificate });
        var now = DateTimeOffset.UtcNow;
        var history = AlertFixtures.Generate(60, now.AddHours(-3), now.AddHours(-2), seed: 7);
        var recent = AlertFixtures.Generate(40, now.AddMinutes(-50), now.AddMinutes(-10), seed: 8);
        uam.AddAlerts(recent);
        var reader = new IntakeReader(cluster.Client, soc.Name, Intake);
        var pods = new CollectorPod(cluster.Client, soc.Name, Intake);
        var release = $"e2e-{system.Name[^8..]}";
        var checks = new NodeChecks(cluster, output);
        try
        {
            // 1. helm install of the chart as it is (its image names are those `make images` built), waiting for
            //    both operator replicas to be Ready through their real /readyz probes.
            var install = await OperatorRelease.InstallAsync(cluster.Helm, release, system.Name, Patience, ["statusPollInterval=2s"]);
            Assert.True(install.Succeeded, $"{install}\n{await checks.DescribeAsync(system.Name)}");
            Mark(clock, "helm install --wait (2 operator pods Ready)");

            // 2. The intake, pointed at the emulators; the first cycle reads the last hour.
            var manifest = new IntakeManifest
            {
                Name = Intake,
                Hostname = uam.Origin,
                ApiToken = "s1-token-1",
                IntakeKey = "intake-key-1",
                SekoiaEndpoint = sekoia.Origin,
                CaBundle = ca.CertificatePem,
                PollInterval = "2s",
                SettleDelay = "0s",
            };
            (await cluster.Kubectl.ApplyAsync(manifest.ToYaml(), soc.Name)).EnsureSuccess();
            var applied = clock.Elapsed;
            await WaitForAlertsAsync(sekoia, recent, checks, soc.Name);
            Mark(clock, "apply → 40 alerts in the Sekoia emulator", applied);

            // 3. kstatus: kubectl wait on the Ready condition, as Argo CD and Flux do.
            var wait = await cluster.Kubectl.RunAsync(
                ["wait", "-n", soc.Name, "--for=condition=Ready", $"s1intake/{Intake}", "--timeout=120s"], null, Patience + TimeSpan.FromSeconds(10));
            Assert.True(wait.Succeeded, wait.ToString());
            Mark(clock, "kubectl wait --for=condition=Ready", applied);

            // 4. The status reports exactly what the intake received.
            var status = await reader.WaitForStatusAsync(
                s => IntakeReader.Number(s, "forwardedTotal") == sekoia.EventCount && s["checkpoint"]?["committedAt"] is not null,
                Patience, "status.forwardedTotal equal to the emulator's count, and a checkpoint");
            Assert.Equal(recent.Count, sekoia.EventCount);
            Mark(clock, $"status.forwardedTotal = {IntakeReader.Number(status, "forwardedTotal")} = emulator count", applied);

            // 5. What runs is what a user's cluster runs: containerd, the securityContext enforced, JSON logs,
            //    the gRPC API through kubectl port-forward.
            await checks.NodeRunsContainerdAsync();
            await checks.ContainersAreRestrictedAsync(system.Name, "app.kubernetes.io/name=s1identity-operator", expectedCount: 2);
            await checks.ContainersAreRestrictedAsync(soc.Name, $"app.kubernetes.io/instance={Intake}", expectedCount: 1);
            await checks.LogsAreJsonAsync(system.Name, $"deploy/{release}-s1identity-operator");
            await checks.LogsAreJsonAsync(soc.Name, $"deploy/{Intake}-collector");
            await new CollectorApiChecks(cluster, output).PortForwardFlowAsync(soc.Name, Intake, recent.Count);
            Mark(clock, "containerd runtime, restricted containers, JSON logs, gRPC through port-forward");

            // 6. A declared backfill of the older history runs once and shows Succeeded.
            uam.AddAlerts(history);
            var backfillStart = clock.Elapsed;
            await PatchBackfillAsync(soc.Name, now.AddHours(-4), now.AddHours(-1));
            status = await reader.WaitForStatusAsync(
                s => IntakeReader.BackfillPhase(s, "replay-1") == "Succeeded", Patience, "backfill replay-1 Succeeded");
            Assert.Empty(sekoia.MissingIds(history.Select(a => a["id"]!.GetValue<string>())));
            Mark(clock, "spec.backfills[replay-1] → Succeeded, 60 older alerts delivered", backfillStart);

            // 7. Rotating the token Secret rolls the pod; alerts raised meanwhile all arrive.
            var before = await pods.WaitReadyAsync(Patience);
            var oldPids = await NodeContainers.PidsAsync(node, before);
            var rotationStart = clock.Elapsed;
            uam.Token = "s1-token-2";
            (await cluster.Kubectl.ApplyAsync(IntakeManifest.Secret(IntakeManifest.ApiTokenSecret, "token", "s1-token-2"), soc.Name)).EnsureSuccess();
            var during = AlertFixtures.Generate(20, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddSeconds(-1), seed: 9);
            uam.AddAlerts(during);
            var after = await pods.WaitReadyAsync(Patience, not: before.Metadata.Uid);
            Mark(clock, "token Secret rotated → new collector pod Ready", rotationStart);
            await WaitForAlertsAsync(sekoia, [.. recent, .. history, .. during], checks, soc.Name);
            Mark(clock, "rotation → 20 alerts raised meanwhile delivered, none lost", rotationStart);
            Assert.DoesNotContain(oldPids.Values, TestSupport.Kubernetes.ProcessTable.IsAlive);
            var afterPids = await NodeContainers.PidsAsync(node, after);

            // 8. Deleting the intake garbage-collects the Deployment; the kubelet stops the container. How soon
            //    depends on kube-controller-manager's garbage collector: for a CRD installed moments ago it
            //    waits for its next discovery resync (30 s) before it acts on that owner kind.
            var deleteStart = clock.Elapsed;
            (await cluster.Kubectl.RunAsync(["delete", "-n", soc.Name, $"s1intake/{Intake}", "--wait=true"], null, Patience)).EnsureSuccess();
            await pods.WaitGoneAsync(Patience);
            Assert.DoesNotContain(afterPids.Values, TestSupport.Kubernetes.ProcessTable.IsAlive);
            var left = await NodeContainers.TasksAsync(node);
            Assert.DoesNotContain(afterPids.Values, left.Values.Contains);
            Mark(clock, "delete intake → collector pod gone and its container stopped", deleteStart);

            output.WriteLine($"emulator: {sekoia.EventCount} events, {sekoia.CountsById().Count} distinct alerts, {sekoia.DuplicateCount()} duplicates");
            Assert.Equal(0, sekoia.DuplicateCount());
        }
        finally
        {
            await cluster.Helm.RunAsync("uninstall", release, "--namespace", system.Name, "--wait");
        }
    }

    private static async Task WaitForAlertsAsync(SekoiaIntakeEmulator sekoia, IReadOnlyList<JsonObject> alerts, NodeChecks checks, string ns)
    {
        var ids = alerts.Select(a => a["id"]!.GetValue<string>()).ToList();
        try
        {
            await ClusterWait.ForAsync(
                _ => Task.FromResult<IReadOnlyList<string>?>(sekoia.MissingIds(ids)), missing => missing!.Count == 0, Patience,
                $"{ids.Count} alerts in the Sekoia emulator");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{await checks.DescribeAsync(ns)}", e);
        }
    }

    private async Task PatchBackfillAsync(string ns, DateTimeOffset from, DateTimeOffset to)
    {
        var backfill = new JsonObject { ["name"] = "replay-1", ["from"] = Rfc3339(from), ["to"] = Rfc3339(to) };
        var patch = new JsonObject { ["spec"] = new JsonObject { ["backfills"] = new JsonArray(backfill) } }.ToJsonString();
        (await cluster.Kubectl.RunAsync(["patch", "-n", ns, $"s1intake/{Intake}", "--type=merge", "-p", patch], null)).EnsureSuccess();
    }

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private void Mark(Stopwatch clock, string step, TimeSpan? since = null) =>
        output.WriteLine(since is { } start
            ? $"{step}: {(clock.Elapsed - start).TotalSeconds:F1} s (at {clock.Elapsed.TotalSeconds:F1} s)"
            : $"{step}: at {clock.Elapsed.TotalSeconds:F1} s");
}
