using System.Text.Json.Nodes;
using k8s;
using S1IdentityK8s.Collector.Kubernetes;
using S1IdentityK8s.Collector.Tests.Pipeline;
using S1IdentityK8s.TestSupport.Fixtures;
using S1IdentityK8s.TestSupport.Kubernetes;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Kubernetes;

/// <summary>The real collector binary in cluster mode: checkpoint in a ConfigMap, one writer per Lease.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class ClusterModeTests(ControlPlaneFixture cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Sigkill_InClusterMode_ResumesFromTheConfigMapWithoutLoss()
    {
        await using var ns = await cluster.CreateNamespaceAsync("cm");
        await using var h = await PipelineHarness.StartAsync();
        h.Settings.PageSize = 100;
        h.Settings.MaxBatchEvents = 50;
        h.Settings.ExtraYaml = ClusterYaml(ns.Name);
        h.Intake.Faults.Latency = TimeSpan.FromMilliseconds(10);
        var now = DateTimeOffset.UtcNow;
        var alerts = AlertFixtures.Generate(1_000, now.AddHours(-1), now.AddMinutes(-1), seed: 21);
        h.Uam.AddAlerts(alerts);

        var doomed = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.EventCount >= 400, PipelineHarness.Patience);
        await doomed.Process.KillAsync();
        var survivor = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == alerts.Count, PipelineHarness.Patience);
        await survivor.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        Assert.Empty(h.Intake.MissingIds(alerts.Select(a => a["id"]!.GetValue<string>())));
        var map = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("intake-checkpoint", ns.Name);
        var checkpoint = JsonNode.Parse(map.Data[ConfigMapCheckpointStore.DataKey])!;
        Assert.Equal(alerts.Count, checkpoint["forwardedTotal"]!.GetValue<long>());
        // In cluster mode the checkpoint lives in the ConfigMap only: no file may shadow it.
        Assert.False(File.Exists(Path.Combine(h.StateDirectory, "checkpoint.json")));
        var lease = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("intake-checkpoint-writer", ns.Name);
        Assert.Equal("collector-0", lease.Spec.HolderIdentity);
        output.WriteLine($"cluster mode, SIGKILL at {400}+ events: lost 0, duplicates {h.Intake.DuplicateCount(acknowledgedOnly: false)}");
    }

    [Fact]
    public async Task SecondCollector_WhileTheLeaseIsHeld_WaitsAndSendsNothing()
    {
        await using var ns = await cluster.CreateNamespaceAsync("lease");
        await using var h = await PipelineHarness.StartAsync();
        h.Settings.ExtraYaml = ClusterYaml(ns.Name);
        var now = DateTimeOffset.UtcNow;
        h.Uam.AddAlerts(AlertFixtures.Generate(50, now.AddHours(-1), now.AddMinutes(-1), seed: 22));
        var first = await h.StartCollectorAsync(instance: "collector-a");
        await h.Intake.WaitForEventsAsync(50, PipelineHarness.Patience);
        await first.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        var second = await h.StartCollectorAsync(instance: "collector-b");
        await second.Process.WaitForOutputAsync(l => l.Contains("is held by collector-a", StringComparison.Ordinal), PipelineHarness.Patience);
        h.Uam.AddAlerts(AlertFixtures.Generate(10, DateTimeOffset.UtcNow.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(-4), seed: 23));
        await h.Intake.WaitForEventsAsync(60, PipelineHarness.Patience);
        await first.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        Assert.DoesNotContain(second.Process.Output, l => l.Text.Contains("Holding Lease", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Process.Output, l => l.Text.Contains("Collection cycle complete", StringComparison.Ordinal));
        Assert.Equal(0, h.Intake.DuplicateCount(acknowledgedOnly: false));
    }

    [Fact]
    public async Task GracefulStop_InClusterMode_ReleasesTheLeaseForTheNextPod()
    {
        await using var ns = await cluster.CreateNamespaceAsync("release");
        await using var h = await PipelineHarness.StartAsync();
        h.Settings.ExtraYaml = ClusterYaml(ns.Name);
        var now = DateTimeOffset.UtcNow;
        h.Uam.AddAlerts(AlertFixtures.Generate(20, now.AddHours(-1), now.AddMinutes(-1), seed: 25));
        var first = await h.StartCollectorAsync(instance: "collector-a");
        await h.Intake.WaitForEventsAsync(20, PipelineHarness.Patience);
        await first.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        var exitCode = await first.Process.StopAsync();
        var released = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("intake-checkpoint-writer", ns.Name);
        var stopped = DateTimeOffset.UtcNow;
        var second = await h.StartCollectorAsync(instance: "collector-b");
        await second.Process.WaitForOutputAsync(l => l.Contains("Holding Lease", StringComparison.Ordinal), PipelineHarness.Patience);
        var takeover = DateTimeOffset.UtcNow - stopped;

        Assert.Equal(0, exitCode);
        Assert.Equal("", released.Spec.HolderIdentity ?? "");
        // Without the release the next pod waits out the 15 s Lease.
        Assert.True(takeover < TimeSpan.FromSeconds(15), $"the next collector took the Lease after {takeover.TotalSeconds:F1} s");
        output.WriteLine($"graceful stop → next collector holds the Lease: {takeover.TotalSeconds:F1} s (Lease duration 15 s)");
    }

    [Fact]
    public async Task DeclaredBackfill_AfterAPodRoll_IsNotRunAgain()
    {
        await using var ns = await cluster.CreateNamespaceAsync("bf");
        await using var h = await PipelineHarness.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var alerts = AlertFixtures.Generate(100, now.AddMinutes(-50), now.AddMinutes(-40), seed: 24);
        h.Uam.AddAlerts(alerts);
        h.Settings.ExtraYaml = ClusterYaml(ns.Name) + $"""

            backfills:
              - {"{"}name: replay, from: "{now.AddHours(-1):O}", to: "{now.AddMinutes(-30):O}"{"}"}
            """;
        var first = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.EventCount >= 2 * alerts.Count, PipelineHarness.Patience);
        await ClusterWait.ForAsync(
            ct => cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("intake-checkpoint-backfills", ns.Name, cancellationToken: ct),
            map => map?.Data is { } data && data.TryGetValue("replay.json", out var record) && record.Contains("Succeeded", StringComparison.Ordinal),
            PipelineHarness.Patience, "backfill replay recorded as Succeeded in its ConfigMap");
        await first.Process.KillAsync();
        // A new pod starts with a fresh emptyDir: nothing of the first one's stateDirectory survives.
        Directory.Delete(h.StateDirectory, recursive: true);

        var second = await h.StartCollectorAsync();
        await second.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        Assert.Contains(second.Process.Output, l => l.Text.Contains("Loaded 1 backfills (0 pending or running)", StringComparison.Ordinal));
        Assert.Equal(2 * alerts.Count, h.Intake.EventCount);
        Assert.All(h.Intake.CountsById().Values, c => Assert.Equal(2, c));
    }

    private string ClusterYaml(string ns) => $"""
        kubernetes:
          namespace: {ns}
          checkpointConfigMap: intake-checkpoint
          kubeconfig: {cluster.KubeconfigPath}
        """;
}
