using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Runtime.Watch;
using S1IdentityK8s.Operator.Tests.Api;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;
using S1IdentityK8s.TestSupport.Kubernetes;
using Xunit.Abstractions;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>The whole chain: intake → rendered config → real collector → emulated SaaS → gRPC status → intake status.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class CollectorStatusTests(ControlPlaneFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reconcile_RunningCollector_StatusShowsForwardedCheckpointAndBackfillThenNoWritesAtSteadyState()
    {
        await using var ns = await IntakeCrd.NamespaceAsync(cluster, "e2e");
        await using var uam = await UamEmulator.StartAsync();
        await using var sekoia = await SekoiaIntakeEmulator.StartAsync();
        var now = DateTimeOffset.UtcNow;
        uam.AddAlerts(AlertFixtures.Generate(5, now.AddHours(-2), now.AddHours(-1), seed: 5));
        await CreateSecretAsync(ns.Name, "s1-token", "token", uam.Options.Token!);
        await CreateSecretAsync(ns.Name, "sekoia-key", "intake-key", sekoia.IntakeKey);
        var port = LocalCollector.FreePort();
        var options = new IntakeControllerOptions
        {
            GrpcProbes = false,
            StatusPollInterval = TimeSpan.FromMilliseconds(300),
            CollectorAddress = _ => new Uri($"http://127.0.0.1:{port}"),
        };
        await using var run = await RunningOperator.StartAsync(cluster, options: options);

        var intake = ValidIntake.Create("e2e");
        intake["spec"]!["sentinelOne"]!["hostname"] = $"http://{uam.Hostname}";
        intake["spec"]!["sekoia"]!["endpoint"] = sekoia.BaseAddress.ToString().TrimEnd('/');
        intake["spec"]!["collection"] = new System.Text.Json.Nodes.JsonObject { ["pollInterval"] = "1s", ["settleDelay"] = "0" };
        intake["spec"]!["backfills"]![0]!["from"] = now.AddHours(-3).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        intake["spec"]!["backfills"]![0]!["to"] = now.AddHours(-2.5).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        (await cluster.Kubectl.ApplyAsync(intake.ToJsonString(), ns.Name)).EnsureSuccess();
        await ReadIntakeAsync(ns.Name, i => i?.Status?.ObservedGeneration == 1, TimeSpan.FromSeconds(30));
        await using var collector = await LocalCollector.StartAsync(cluster.Client, cluster.KubeconfigPath, ns.Name, "e2e", ["s1-token", "sekoia-key"], port);

        var reported = await ReadIntakeAsync(ns.Name, i => i?.Status?.ForwardedTotal >= 5 && i.Status.Backfills?[0].Phase == BackfillPhases.Succeeded, Patience)
            .ContinueWith(t => t.IsFaulted ? throw new TimeoutException(collector.Process.OutputText, t.Exception) : t.Result, TaskScheduler.Default);

        var status = reported!.Status!;
        Assert.NotNull(status.Checkpoint?.CommittedAt);
        Assert.Equal("True", status.Conditions!.Single(c => c.Type == ConditionTypes.CredentialsValid).Status);
        Assert.Equal("True", status.Conditions!.Single(c => c.Type == ConditionTypes.SinkReachable).Status);
        Assert.Equal("False", status.Conditions!.Single(c => c.Type == ConditionTypes.Suspended).Status);
        Assert.True(sekoia.Events.Count >= 5, $"Sekoia received {sekoia.Events.Count} events");
        // Cluster mode: the checkpoint lives in the ConfigMap the operator pre-created, and the Lease is held.
        var checkpoint = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("e2e-checkpoint", ns.Name);
        var lease = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("e2e-collector", ns.Name);
        Assert.True(checkpoint.Data?.ContainsKey("checkpoint.json"), collector.Process.OutputText);
        Assert.False(string.IsNullOrEmpty(lease.Spec?.HolderIdentity));

        // Steady state: every alert delivered, nothing lagging. The collector still commits its watermark at
        // every 1 s poll and its lag moves, yet ten status polls must write nothing that did not change. On
        // a loaded machine a slow cycle can really lag (Lagging turns True, the lag jumps): such a write is
        // due; a write of jitter alone (the lag moved by less than the resolution, nothing else changed) is not.
        var settled = await ReadIntakeAsync(ns.Name, i => i?.Status?.Conditions?.Any(c => c.Type == ConditionTypes.Lagging && c.Status == "False") == true
            && i.Status.LagSeconds < ProgressResolution.Minimum.TotalSeconds, Patience);
        var writesBefore = run.WritesIn(ns.Name).Count;
        var (written, polls) = await WatchStatusWritesAsync(ns.Name, polls: 10);
        var operatorWrites = run.WritesIn(ns.Name).Skip(writesBefore).ToList();

        var undue = UndueWrites(settled!.Status!, written);
        output.WriteLine($"steady state with a running collector: {written.Count} intake writes seen ({written.Count - undue.Count} due to a real change), "
            + $"{operatorWrites.Count} API writes sent, over {polls} status polls");
        Assert.Empty(undue);
        Assert.Equal(written.Count, operatorWrites.Count);
    }

    // The writes in `written` that changed nothing but the moving figures, by less than the resolution.
    private static List<string> UndueWrites(IntakeStatus before, IReadOnlyList<IntakeStatus> written)
    {
        var undue = new List<string>();
        var previous = before;
        foreach (var next in written)
        {
            var conditions = Summary(previous) != Summary(next);
            var resolution = Math.Max(Math.Max(1, ProgressResolution.Minimum.TotalSeconds), (previous.LagSeconds ?? 0) / 10.0);
            var lagMoved = Math.Abs((next.LagSeconds ?? 0) - (previous.LagSeconds ?? 0)) >= resolution;
            if (!conditions && !lagMoved)
            {
                undue.Add($"lag {previous.LagSeconds}s → {next.LagSeconds}s with nothing else changed");
            }

            previous = next;
        }

        return undue;
    }

    // What a reader acts on: conditions (not their times), counters, backfills.
    private static string Summary(IntakeStatus status) => string.Join(';',
        (status.Conditions ?? []).OrderBy(c => c.Type, StringComparer.Ordinal).Select(c => $"{c.Type}={c.Status}/{c.Reason}")
            .Append($"forwarded={status.ForwardedTotal}").Append($"dead={status.DeadLetteredTotal}")
            .Concat((status.Backfills ?? []).Select(b => $"{b.Name}={b.Phase}/{b.Progress}")));

    // Watches the intake (as any client would see writes) while the operator polls the collector; returns
    // the status of every write seen.
    private async Task<(IReadOnlyList<IntakeStatus> Written, double Polls)> WatchStatusWritesAsync(string ns, int polls)
    {
        var written = new System.Collections.Concurrent.ConcurrentQueue<IntakeStatus>();
        using var stop = new CancellationTokenSource();
        var listed = new TaskCompletionSource();
        var watcher = new ResourceWatcher<V1Alpha1SentinelOneIdentityIntake>(ResourceSources.Custom<V1Alpha1SentinelOneIdentityIntake>(cluster.Client, ns), NullLogger.Instance);
        var watch = watcher.RunAsync(
            (type, intake) =>
            {
                if (type == WatchEventType.Modified && intake.Status is { } status)
                {
                    written.Enqueue(status);
                }
            },
            stop.Token, () => listed.TrySetResult());
        await listed.Task.WaitAsync(Patience);
        var before = ControllerMetricsProbe.Reconciles(nameof(V1Alpha1SentinelOneIdentityIntake));
        await ClusterWait.ForAsync(
            _ => Task.FromResult<object?>(ControllerMetricsProbe.Reconciles(nameof(V1Alpha1SentinelOneIdentityIntake))),
            n => (double)n! >= before + polls, Patience, $"{polls} status polls");
        var counted = ControllerMetricsProbe.Reconciles(nameof(V1Alpha1SentinelOneIdentityIntake)) - before;
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watch);
        return ([.. written], counted);
    }

    private async Task CreateSecretAsync(string ns, string name, string key, string value) =>
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = name }, StringData = new Dictionary<string, string> { [key] = value } }, ns);

    private Task<V1Alpha1SentinelOneIdentityIntake?> ReadIntakeAsync(
        string ns, Func<V1Alpha1SentinelOneIdentityIntake?, bool> condition, TimeSpan timeout) =>
        ClusterWait.ForAsync(
            async t => await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SentinelOneIdentityIntake>(
                V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns,
                V1Alpha1SentinelOneIdentityIntake.Plural, "e2e", t),
            condition, timeout, "the intake status to show the collector's report");
}
