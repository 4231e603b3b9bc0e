using System.Text.Json.Nodes;
using S1IdentityK8s.Monitoring.Tests.Support;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Stack;

namespace S1IdentityK8s.Monitoring.Tests.ArgoCd;

/// <summary>
/// The Argo CD health check on intakes as the real operator leaves them on the local cluster: the chart
/// installed by helm, collector pods on the real node talking to the emulators. Each state is read from
/// the apiserver (a watch of the intake), written as JSON and assessed by Lua 5.1.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class LiveIntakeHealthTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    [LocalControlPlaneFact]
    public async Task HealthCheck_IntakeInEachStateTheOperatorProduces_MapsToArgoCdHealth()
    {
        await using var system = await cluster.CreateNamespaceAsync("argocd-system");
        await using var soc = await cluster.CreateNamespaceAsync("argocd-soc");
        // Where pods reach them: the host end of the node's network, over HTTPS with a CA the intake trusts.
        var listen = cluster.Node!.Network.HostAddress;
        using var ca = TestCertificateAuthority.Create();
        var certificate = ca.IssueServerCertificate(listen.ToString());
        await using var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = "s1-token-1", ListenAddress = listen, ServerCertificate = certificate });
        await using var sekoia = await SekoiaIntakeEmulator.StartAsync(
            new SekoiaIntakeOptions { IntakeKey = "intake-key-1", ListenAddress = listen, ServerCertificate = certificate });
        var manifest = new IntakeManifest
        {
            Name = "healthy",
            Hostname = uam.Origin,
            ApiToken = "s1-token-1",
            IntakeKey = "intake-key-1",
            SekoiaEndpoint = sekoia.Origin,
            CaBundle = ca.CertificatePem,
            PollInterval = "2s",
            SettleDelay = "0s",
        };
        var release = $"argocd-{system.Name[^8..]}";
        try
        {
            var install = await OperatorRelease.InstallAsync(cluster.Helm, release, system.Name, Patience, ["statusPollInterval=2s"]);
            Assert.True(install.Succeeded, install.ToString());

            await HealthyThroughSuspendedAsync(soc.Name, manifest);
            await StalledAsync(soc.Name, "orphan", StalledIntake.IntakeDocument(manifest with { Name = "orphan" })
                .Replace(IntakeManifest.ApiTokenSecret, "no-such-secret", StringComparison.Ordinal), "SecretMissing");
            await StalledAsync(soc.Name, "refused", StalledIntake.IntakeDocument(manifest with { Name = "refused" })
                + "  collector:\n    resources:\n      requests: {cpu: \"2\"}\n      limits: {cpu: \"1\"}\n", null);
        }
        finally
        {
            await cluster.Helm.RunAsync("uninstall", release, "--namespace", system.Name, "--wait");
        }
    }

    // Created → reconciling → Ready → suspend requested → suspended, each version as the watch saw it.
    private async Task HealthyThroughSuspendedAsync(string ns, IntakeManifest manifest)
    {
        var documents = manifest.ToYaml().Split("---\n");
        (await cluster.Kubectl.ApplyAsync(string.Join("---\n", documents[..^1]), ns)).EnsureSuccess();

        // The apiserver's answer to the create: the operator has not written any status yet.
        var created = await CreateAsync(ns, documents[^1]);
        await using var history = IntakeHistory.Since(cluster.Client, ns, manifest.Name, ResourceVersion(created));
        Assert.Null(created["status"]);
        Assert.Equal("Progressing", (await ArgoCdHealth.AssessAsync(created)).Status);

        // The operator's first status: children applied, the collector pod not available yet.
        var reconciling = await history.WaitForAsync(i => Current(i) && Condition(i, "Reconciling") == "True", Patience, "Reconciling=True");
        var progressing = await ArgoCdHealth.AssessAsync(reconciling);
        Assert.Equal(("Progressing", Condition(reconciling, "Ready", "reason")), (progressing.Status, progressing.Message.Split(':')[0]));

        var ready = await history.WaitForAsync(i => Current(i) && Condition(i, "Ready") == "True", Patience, "Ready=True");
        Assert.Equal("Healthy", (await ArgoCdHealth.AssessAsync(ready)).Status);

        // A new generation: until the operator has seen it, the Ready of the old one says nothing.
        (await cluster.Kubectl.RunAsync(["patch", "-n", ns, $"s1intake/{manifest.Name}", "--type=merge", "-p", """{"spec":{"suspend":true}}"""], null)).EnsureSuccess();
        var patched = await history.WaitForAsync(i => Generation(i) == 2, Patience, "generation 2");
        Assert.True(ObservedGeneration(patched) < 2);
        Assert.Equal("Progressing", (await ArgoCdHealth.AssessAsync(patched)).Status);

        var suspended = await history.WaitForAsync(i => Current(i) && Condition(i, "Suspended") == "True", Patience, "Suspended=True");
        Assert.Equal(("Suspended", "SuspendRequested"), Split(await ArgoCdHealth.AssessAsync(suspended)));
    }

    // An intake the operator cannot run: Stalled=True, Degraded with the condition's reason and message.
    private async Task StalledAsync(string ns, string name, string intakeYaml, string? reason)
    {
        var created = await CreateAsync(ns, intakeYaml);
        await using var history = IntakeHistory.Since(cluster.Client, ns, name, ResourceVersion(created));

        var stalled = await history.WaitForAsync(i => Current(i) && Condition(i, "Stalled") == "True", Patience, $"{name} Stalled=True");
        var health = await ArgoCdHealth.AssessAsync(stalled);

        Assert.Equal(("Degraded", reason ?? Condition(stalled, "Stalled", "reason")), Split(health));
        Assert.Contains(Condition(stalled, "Stalled", "message")!, health.Message, StringComparison.Ordinal);
    }

    // kubectl create prints the object as the apiserver stored it.
    private async Task<JsonObject> CreateAsync(string ns, string intakeYaml) =>
        JsonNode.Parse((await cluster.Kubectl.RunAsync(["create", "-n", ns, "-o", "json", "-f", "-"], intakeYaml)).EnsureSuccess().StandardOutput)!.AsObject();

    private static string ResourceVersion(JsonObject intake) => intake["metadata"]!["resourceVersion"]!.GetValue<string>();

    private static (string Status, string Reason) Split((string Status, string Message) health) => (health.Status, health.Message.Split(':')[0]);

    private static long Generation(JsonObject intake) => intake["metadata"]!["generation"]!.GetValue<long>();

    private static long ObservedGeneration(JsonObject intake) => intake["status"]?["observedGeneration"]?.GetValue<long>() ?? 0;

    // The status describes the current spec.
    private static bool Current(JsonObject intake) => ObservedGeneration(intake) == Generation(intake);

    private static string? Condition(JsonObject intake, string type, string field = "status") =>
        intake["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?[field]?.GetValue<string>();
}
