using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using k8s;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Runtime.Watch;
using S1IdentityK8s.Operator.Tests.Api;
using S1IdentityK8s.Operator.Tests.Controllers;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;
using Xunit.Abstractions;

namespace S1IdentityK8s.Operator.Tests.Scale;

/// <summary>
/// The operator at scale (issue 11): N intakes applied at once on a local control plane of its own, timed
/// against a plain client creating the same objects in the same run; then a steady-state window in which
/// the operator must write nothing; then the built binary against the same N intakes for its RSS and its
/// start → first reconcile. Run with <c>S1K8S_OPERATOR_SCALE=500</c> (see <see cref="ScaleFactAttribute"/>);
/// <c>S1K8S_OPERATOR_SCALE_STEADY_SECONDS</c> sets the window (default 60), <c>S1K8S_OPERATOR_SCALE_REPORT</c>
/// a path for the figures as JSON.
/// </summary>
public sealed class OperatorScaleMeasurement(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [ScaleFact]
    public async Task Operator_ManyIntakesAtOnce_MeasuredAgainstPlainClient()
    {
        var count = ScaleFactAttribute.Count!.Value;
        var steady = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("S1K8S_OPERATOR_SCALE_STEADY_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 60);
        var cluster = ControlPlaneFixture.WithOptions(new ControlPlaneOptions());
        try
        {
            await cluster.InitializeAsync();
            await IntakeCrd.InstallAsync(cluster);
            var figures = await MeasureAsync(cluster, count, steady);
            var json = JsonSerializer.Serialize(figures, Indented);
            output.WriteLine(json);
            if (Environment.GetEnvironmentVariable("S1K8S_OPERATOR_SCALE_REPORT") is { Length: > 0 } path)
            {
                await File.WriteAllTextAsync(path, json);
            }

            Assert.Equal(0, figures["steadyStateWrites"]);
            Assert.Equal(0, figures["binarySteadyStateVersionChanges"]);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private async Task<Dictionary<string, double>> MeasureAsync(ControlPlaneFixture cluster, int count, TimeSpan steady)
    {
        var figures = new Dictionary<string, double> { ["intakes"] = count, ["clientConcurrency"] = ScaleIntakes.Concurrency };
        var client = cluster.Client;
        var baseline = await cluster.CreateNamespaceAsync("baseline");
        var scale = await cluster.CreateNamespaceAsync("scale");

        // Both start warm: the apiserver serves the new CRD, the client holds its connections.
        var warmUp = await cluster.CreateNamespaceAsync("warm-up");
        await ScaleIntakes.CreateManyWithChildrenAsync(client, warmUp.Name, ScaleIntakes.Concurrency, CancellationToken.None);

        // The plain client first, then the controller-manager's own work on its Deployments is let finish.
        var clock = Stopwatch.StartNew();
        await ScaleIntakes.CreateManyWithChildrenAsync(client, baseline.Name, count, CancellationToken.None);
        figures["plainClientSeconds"] = clock.Elapsed.TotalSeconds;
        Progress($"plain client: {count} intakes with children and status in {clock.Elapsed.TotalSeconds:0.0}s");
        await PodsAsync(cluster, baseline.Name, count);

        var options = new IntakeControllerOptions { GrpcProbes = false };
        var identity = await OperatorIdentity.ForAsync(cluster);
        await using (var run = await RunningOperator.StartAsync(cluster, options: options, namespaces: [scale.Name]))
        {
            await ClusterWait.ForAsync(_ => Task.FromResult<object?>(run.Health.Synced), synced => (bool)synced!, Patience, "the operator's watches to list");
            clock.Restart();
            await ScaleIntakes.CreateManyAsync(client, scale.Name, count, CancellationToken.None);
            figures["createIntakesSeconds"] = clock.Elapsed.TotalSeconds;
            await ClusterWait.ForAsync(
                async t => (object?)await ScaleIntakes.ReconciledAsync(client, scale.Name, t), n => (int)n! == count, Patience,
                "every intake's status.observedGeneration", TimeSpan.FromMilliseconds(250));
            figures["operatorSeconds"] = clock.Elapsed.TotalSeconds;
            figures["ratio"] = figures["operatorSeconds"] / figures["plainClientSeconds"];
            figures["operatorWritesToReconcile"] = run.WritesIn(scale.Name).Count;
            Progress($"operator: {count} intakes reconciled in {figures["operatorSeconds"]:0.0}s ({figures["ratio"]:0.00}× the plain client), {run.WritesIn(scale.Name).Count} writes");
            var children = await ScaleIntakes.ChildrenAsync(client, scale.Name, CancellationToken.None);
            Assert.Equal(ScaleIntakes.ChildrenPerIntake.ToDictionary(c => c.Key, c => c.Value * count), children);

            // Steady state: once the controller-manager has made every pod and the operator caught up.
            await PodsAsync(cluster, scale.Name, count);
            await ClusterWait.ForAsync(_ => Task.FromResult<object?>(run.SettledIn(scale.Name) ? run : null), r => r is not null, Patience, "the operator to settle");
            var writes = run.WritesIn(scale.Name).Count;
            var reconciles = run.ReconcilesIn(scale.Name);
            await Task.Delay(steady);
            var steadyWrites = run.WritesIn(scale.Name).Skip(writes).ToList();
            figures["steadyStateSeconds"] = steady.TotalSeconds;
            figures["steadyStateWrites"] = steadyWrites.Count;
            figures["steadyStateReconciles"] = run.ReconcilesIn(scale.Name) - reconciles;
            figures["inProcessTestHostRssMb"] = Process.GetCurrentProcess().WorkingSet64 / 1048576.0;
            Progress($"steady state: {steadyWrites.Count} writes ({string.Join(", ", steadyWrites.Take(10))}) over {steady.TotalSeconds:0}s, {figures["steadyStateReconciles"]} reconciles");
        }

        // The binary, as users run it, against the same intakes: start → first reconcile, RSS, and no writes.
        var before = await VersionsAsync(client, scale.Name);
        clock.Restart();
        // The chart's election timings: the test's fast ones lose the Lease on a machine this busy.
        await using var replica = OperatorProcess.Start(
            identity.KubeconfigPath, scale.Name, "scale-0", fast: false, settings: new Dictionary<string, string?> { ["WATCH_NAMESPACES"] = scale.Name });
        try
        {
            await MeasureBinaryAsync(replica, figures, clock, count, steady);
        }
        catch (Exception e) when (e is TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new TimeoutException($"{e.Message}\nthe binary's output:\n{replica.Process.OutputText}", e);
        }

        var after = await VersionsAsync(client, scale.Name);
        figures["binarySteadyStateVersionChanges"] = after.Count(v => !before.TryGetValue(v.Key, out var was) || was != v.Value);
        await replica.Process.StopAsync();
        output.WriteLine(string.Join('\n', replica.Process.Output.Take(20).Select(l => $"{l.Elapsed.TotalSeconds:0.000}s {l.Text}")));
        return figures;
    }

    private async Task MeasureBinaryAsync(OperatorProcess replica, Dictionary<string, double> figures, Stopwatch clock, int count, TimeSpan steady)
    {
        await ClusterWait.ForAsync(async _ => (object?)await ReconcilesOrZeroAsync(replica), n => (double)n! > 0 || replica.Process.HasExited, Patience, "the binary's first reconcile", TimeSpan.FromMilliseconds(20));
        Assert.False(replica.Process.HasExited, replica.Process.OutputText);
        figures["binaryStartToFirstReconcileSeconds"] = clock.Elapsed.TotalSeconds;
        await ClusterWait.ForAsync(async _ => (object?)await ReconcilesOrZeroAsync(replica), n => (double)n! >= count || replica.Process.HasExited, Patience, "the binary's reconcile of every intake", TimeSpan.FromMilliseconds(250));
        Assert.False(replica.Process.HasExited, "the binary exited");
        figures["binaryStartToAllReconciledSeconds"] = clock.Elapsed.TotalSeconds;
        await Task.Delay(steady);
        var (rss, peak) = Rss(replica.Process.Id);
        figures["binaryRssMb"] = rss;
        figures["binaryPeakRssMb"] = peak;
        Progress($"binary: first reconcile {figures["binaryStartToFirstReconcileSeconds"]:0.00}s after start, all by {figures["binaryStartToAllReconciledSeconds"]:0.0}s; RSS {rss:0} MB (peak {peak:0} MB)");
    }

    private static async Task<double> ReconcilesOrZeroAsync(OperatorProcess replica)
    {
        try
        {
            return await replica.ReconcilesAsync();
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    // The kinds the operator writes, by resourceVersion (not Deployments and pods: the controller-manager writes their status).
    private static async Task<Dictionary<string, string>> VersionsAsync(IKubernetes client, string ns)
    {
        var versions = new Dictionary<string, string>();
        void Add(string kind, IEnumerable<k8s.Models.V1ObjectMeta> items)
        {
            foreach (var meta in items)
            {
                versions[$"{kind}/{meta.Name}"] = meta.ResourceVersion;
            }
        }

        Add("intake", (await ScaleIntakesList(client, ns)).Select(i => i.Metadata));
        Add("configmap", (await client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Select(i => i.Metadata));
        Add("secret", (await client.CoreV1.ListNamespacedSecretAsync(ns)).Items.Select(i => i.Metadata));
        Add("serviceaccount", (await client.CoreV1.ListNamespacedServiceAccountAsync(ns)).Items.Select(i => i.Metadata));
        Add("service", (await client.CoreV1.ListNamespacedServiceAsync(ns)).Items.Select(i => i.Metadata));
        Add("role", (await client.RbacAuthorizationV1.ListNamespacedRoleAsync(ns)).Items.Select(i => i.Metadata));
        Add("rolebinding", (await client.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(ns)).Items.Select(i => i.Metadata));
        Add("networkpolicy", (await client.NetworkingV1.ListNamespacedNetworkPolicyAsync(ns)).Items.Select(i => i.Metadata));
        Add("event", (await client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: $"source={IntakeNames.FieldManager}")).Items.Select(i => i.Metadata));
        return versions;
    }

    private static async Task<IList<V1Alpha1SentinelOneIdentityIntake>> ScaleIntakesList(IKubernetes client, string ns) =>
        (await client.CustomObjects.ListNamespacedCustomObjectAsync<EntityList<V1Alpha1SentinelOneIdentityIntake>>(
            V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns,
            V1Alpha1SentinelOneIdentityIntake.Plural)).Items;

    private static async Task PodsAsync(ControlPlaneFixture cluster, string ns, int count) =>
        await ClusterWait.ForAsync(
            async t => (object?)(await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: t)).Items.Count, n => (int)n! >= count,
            Patience, $"the controller-manager's {count} pods in {ns}", TimeSpan.FromSeconds(1));

    private static (double Rss, double Peak) Rss(int pid)
    {
        var lines = File.ReadAllLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status");
        double Kb(string field) => double.Parse(lines.Single(l => l.StartsWith(field, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        return (Kb("VmRSS:"), Kb("VmHWM:"));
    }

    private void Progress(string line)
    {
        output.WriteLine(line);
        Console.Error.WriteLine($"[scale] {line}");
    }
}
