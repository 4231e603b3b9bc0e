using System.Diagnostics;
using k8s;
using k8s.Models;
using S1IdentityK8s.Benchmarks.Harness;
using S1IdentityK8s.Benchmarks.Measurement;
using S1IdentityK8s.Benchmarks.Operator;
using S1IdentityK8s.Benchmarks.Reporting;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Runtime.Queue;
using S1IdentityK8s.Operator.Runtime.Watch;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Benchmarks.Scenarios;

/// <summary>
/// Operator at scale on the local control plane (kube-apiserver + etcd, nothing else): intakes applied at
/// once until each has its children and <c>status.observedGeneration</c>, timed against a plain client
/// creating the same objects; then the steady state's writes (none expected), the operator's RSS, and its
/// start → first reconcile. Baseline and operator each get a fresh control plane, so neither sees the
/// other's objects.
/// </summary>
public sealed class OperatorScaleScenario : IScenario
{
    private const string Title = "Operator at scale";
    // The chart's ClusterRole (files/clusterrole.yaml, generated from the operator's types).
    private const string OperatorRole = "s1identity-operator";

    // The operator's leader election renews its Lease by update: its only write in a steady state.
    private const string LeaderRenewal = "PUT leases";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public string Name => "operator";

    public async Task RunAsync(BenchContext context)
    {
        var profile = context.Profile;
        var baselineSeconds = await BaselineAsync(context);
        var run = await OperatorAsync(context);
        var n = profile.OperatorIntakes;
        context.Figures.Add(new Figure
        {
            Id = "operator.apply-at-once",
            Scenario = Title,
            Name = FormattableString.Invariant($"{n} intakes applied at once → children and observedGeneration"),
            Measured = new Quantity("operator", run.ReconciledSeconds, "s"),
            Baseline = new Quantity("plain client", baselineSeconds, "s"),
            Target = Target.RatioAtMost(2),
            Note = FormattableString.Invariant(
                $"both apply the intakes {profile.OperatorClientConcurrency} at a time; the plain client also writes each intake's {PlainClientBaseline.WritesPerIntake - 2} children and its status ({n * PlainClientBaseline.WritesPerIntake:#,0} writes, no reads). The operator ran {run.ReconcilesToReady:#,0} reconciles and the apiserver served {run.WritesToReady:#,0} writes and {run.ReadsToReady:#,0} reads until the last intake had observedGeneration; children found then: {run.Children}. Its work queue runs {new WorkQueueOptions().Workers} reconciles at once (its rate limit paces retries only, never a first reconcile). Operator CPU {run.CpuToReady.SubjectSeconds:0.0} s over that time; machine {run.CpuToReady.MachineBusyShare:P0} busy."),
        });
        var leaderRenewals = run.SteadyWrites.Where(w => w.Key == LeaderRenewal).Sum(w => w.Value);
        var otherWrites = run.SteadyWrites.Where(w => w.Key != LeaderRenewal).ToList();
        context.Figures.Add(new Figure
        {
            Id = "operator.steady-writes",
            Scenario = Title,
            Name = FormattableString.Invariant($"writes in {profile.OperatorSteadyWindow.TotalSeconds:0} s of steady state ({n} intakes)"),
            Measured = new Quantity("operator", otherWrites.Sum(w => w.Value), "writes"),
            Target = new Target(false, 0, false, "writes"),
            Note = FormattableString.Invariant(
                $"counted by the apiserver (apiserver_request_total, every verb but GET/LIST/WATCH; nothing else writes to this apiserver). Besides these: {leaderRenewals:0} leader-election renewals of the operator's own Lease (PUT leases, one per 2 s retry period), not counted as reconcile writes.{(otherWrites.Count > 0 ? " Writes: " + string.Join(", ", otherWrites.Select(w => $"{w.Key} ×{w.Value:0}")) + "." : "")} Meanwhile it ran {run.SteadyReconciles:#,0} reconciles (status polls every 30 s per intake) with {run.SteadyReads:#,0} reads, using {run.SteadyCpu.SubjectSeconds / run.SteadyCpu.WallSeconds * 1000:0} millicores."),
        });
        context.Figures.Add(new Figure
        {
            Id = "operator.rss",
            Scenario = Title,
            Name = FormattableString.Invariant($"operator RSS at {n} intakes"),
            Measured = new Quantity("operator", run.Rss.RssBytes / 1e6, "MB"),
            Target = Target.ValueAtMost(250, "MB"),
            Note = FormattableString.Invariant($"VmRSS at the end of the steady state; peak (VmHWM) {run.Rss.PeakRssBytes / 1e6:0.0} MB."),
        });
        context.Figures.Add(new Figure
        {
            Id = "operator.start-to-first-reconcile",
            Scenario = Title,
            Name = FormattableString.Invariant($"operator start → first reconcile ({n} intakes existing)"),
            Measured = new Quantity("operator", run.StartToFirstReconcileMs, "ms"),
            Note = FormattableString.Invariant(
                $"a second operator process started after the first stopped (which released the Lease); timed from the fork to its first counted reconcile (/metrics polled every 10 ms); it had leadership after {run.StartToLeadingMs:0} ms. Its first pass over all {n} intakes wrote {run.RestartWrites:0} objects ({run.RestartWritesDetail})."),
        });
    }

    private static async Task<double> BaselineAsync(BenchContext context)
    {
        var profile = context.Profile;
        context.Log(FormattableString.Invariant($"operator: plain-client baseline, {profile.OperatorIntakes} intakes"));
        var plane = await StartPlaneAsync();
        try
        {
            var ns = await NamespaceWithSecretsAsync(plane, "bench-plain");
            var timer = Stopwatch.StartNew();
            await PlainClientBaseline.RunAsync(plane.Client, ns, profile.OperatorIntakes, profile.OperatorClientConcurrency, CancellationToken.None);
            var seconds = timer.Elapsed.TotalSeconds;
            context.Record("operator", "plain client", new { intakes = profile.OperatorIntakes, seconds, writes = profile.OperatorIntakes * PlainClientBaseline.WritesPerIntake });
            context.Log(FormattableString.Invariant($"  {seconds:0.0} s"));
            return seconds;
        }
        finally
        {
            await plane.DisposeAsync();
        }
    }

    private static async Task<OperatorRun> OperatorAsync(BenchContext context)
    {
        var profile = context.Profile;
        var n = profile.OperatorIntakes;
        context.Log(FormattableString.Invariant($"operator: the operator binary, {n} intakes"));
        var plane = await StartPlaneAsync();
        try
        {
            var identity = await OperatorIdentityAsync(plane);
            var ns = await NamespaceWithSecretsAsync(plane, "bench-operator");
            var client = plane.Client;
            OperatorRun run;
            await using (var op = OperatorUnderTest.Start(identity.KubeconfigPath, ns))
            {
                await op.WaitForLeadershipAsync(TimeSpan.FromMinutes(2));
                await ClusterWait.ForAsync(async _ => await op.QueueDepthAsync() is { } d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                    d => d is not null, TimeSpan.FromMinutes(1), "the operator's metrics", PollInterval);

                var before = await ApiServerRequests.ReadAsync(plane.Kubectl);
                var cpu = CpuWindow.Start(op.Process.Id);
                var timer = Stopwatch.StartNew();
                await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = profile.OperatorClientConcurrency },
                    async (i, token) => await client.CustomObjects.CreateNamespacedCustomObjectAsync(IntakeObjects.Manifest(i),
                        V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns, V1Alpha1SentinelOneIdentityIntake.Plural, cancellationToken: token));
                await ClusterWait.ForAsync(async t => await ObservedAsync(client, ns, t), c => c?.Count == n, profile.OperatorTimeout,
                    FormattableString.Invariant($"{n} intakes with status.observedGeneration"), PollInterval);
                var reconciledSeconds = timer.Elapsed.TotalSeconds;
                var cpuToReady = cpu.Stop();
                var afterReady = await ApiServerRequests.ReadAsync(plane.Kubectl);
                var reconcilesToReady = await op.ReconcilesAsync() ?? 0;
                var children = await ChildrenAsync(client, ns);
                context.Log(FormattableString.Invariant($"  reconciled in {reconciledSeconds:0.0} s ({reconcilesToReady:0} reconciles); children: {children}"));

                // Steady state: once nothing is queued, count every write for the window.
                await ClusterWait.ForAsync(async _ => await op.QueueDepthAsync() is 0 ? "idle" : null, s => s is not null, TimeSpan.FromMinutes(2), "an empty work queue", PollInterval);
                context.Log(FormattableString.Invariant($"  steady state for {profile.OperatorSteadyWindow.TotalSeconds:0} s"));
                var steadyStart = await ApiServerRequests.ReadAsync(plane.Kubectl);
                var reconcilesAtStart = await op.ReconcilesAsync() ?? 0;
                var steadyCpu = CpuWindow.Start(op.Process.Id);
                await Task.Delay(profile.OperatorSteadyWindow);
                var steadyUsage = steadyCpu.Stop();
                var steadyEnd = await ApiServerRequests.ReadAsync(plane.Kubectl);
                var reconcilesAtEnd = await op.ReconcilesAsync() ?? 0;
                run = new OperatorRun
                {
                    ReconciledSeconds = reconciledSeconds,
                    ReconcilesToReady = reconcilesToReady,
                    WritesToReady = afterReady.WritesSince(before).Values.Sum(),
                    ReadsToReady = afterReady.ReadsSince(before),
                    CpuToReady = cpuToReady,
                    Children = children,
                    SteadyWrites = steadyEnd.WritesSince(steadyStart),
                    SteadyReads = steadyEnd.ReadsSince(steadyStart),
                    SteadyReconciles = reconcilesAtEnd - reconcilesAtStart,
                    SteadyCpu = steadyUsage,
                    Rss = ProcessStats.Read(op.Process.Id),
                };
                context.Log(FormattableString.Invariant($"  steady: {run.SteadyWrites.Values.Sum():0} writes (leases included), {run.SteadyReconciles:0} reconciles, RSS {run.Rss.RssBytes / 1e6:0.0} MB"));
            }

            // A restart with every intake in place: how soon it reconciles, and whether its first pass writes.
            var restartBefore = await ApiServerRequests.ReadAsync(plane.Kubectl);
            await using (var op = OperatorUnderTest.Start(identity.KubeconfigPath, ns))
            {
                var leading = op.WaitForLeadershipAsync(TimeSpan.FromMinutes(2));
                await ClusterWait.ForAsync(async _ => await op.ReconcilesAsync() is >= 1 ? "reconciled" : null, r => r is not null, TimeSpan.FromMinutes(2),
                    "the restarted operator's first reconcile", TimeSpan.FromMilliseconds(10));
                var firstReconcileMs = Stopwatch.GetElapsedTime(op.StartedAt).TotalMilliseconds;
                var leadingLine = await leading;
                await ClusterWait.ForAsync(async _ => await op.ReconcilesAsync() is { } r && r >= n && await op.QueueDepthAsync() is 0 ? "done" : null,
                    s => s is not null, profile.OperatorTimeout, "the restarted operator's first pass", PollInterval);
                var restartWrites = (await ApiServerRequests.ReadAsync(plane.Kubectl)).WritesSince(restartBefore)
                    .Where(w => !w.Key.EndsWith(" leases", StringComparison.Ordinal)).ToList();
                run = run with
                {
                    StartToFirstReconcileMs = firstReconcileMs,
                    StartToLeadingMs = leadingLine.Elapsed.TotalMilliseconds,
                    RestartWrites = restartWrites.Sum(w => w.Value),
                    RestartWritesDetail = restartWrites.Count == 0 ? "none but its Lease" : string.Join(", ", restartWrites.Select(w => FormattableString.Invariant($"{w.Key} ×{w.Value:0}"))),
                };
                context.Log(FormattableString.Invariant($"  restart: first reconcile after {firstReconcileMs:0} ms, {run.RestartWrites:0} writes in its first pass"));
            }
            context.Record("operator", "operator", run);
            return run;
        }
        finally
        {
            await plane.DisposeAsync();
        }
    }

    private static async Task<ControlPlaneFixture> StartPlaneAsync()
    {
        var plane = ControlPlaneFixture.WithOptions(new ControlPlaneOptions { StartControllerManager = false, UserPoolSize = 2 });
        try
        {
            await plane.InitializeAsync();
            (await plane.Kubectl.ApplyAsync(await File.ReadAllTextAsync(ChartFile("crds", "sentineloneidentityintakes.yaml")))).EnsureSuccess();
            (await plane.Kubectl.RunAsync("wait", "--for=condition=Established",
                $"crd/{V1Alpha1SentinelOneIdentityIntake.Plural}.{V1Alpha1SentinelOneIdentityIntake.ApiGroup}", "--timeout=60s")).EnsureSuccess();
            return plane;
        }
        catch
        {
            await plane.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> NamespaceWithSecretsAsync(ControlPlaneFixture plane, string prefix)
    {
        var ns = (await plane.CreateNamespaceAsync(prefix)).Name;
        foreach (var secret in IntakeObjects.Secrets())
        {
            await plane.Client.CoreV1.CreateNamespacedSecretAsync(secret, ns);
        }
        return ns;
    }

    // The operator runs as users run it: a non-admin identity bound to the ClusterRole it generates.
    private static async Task<ClusterIdentity> OperatorIdentityAsync(ControlPlaneFixture plane)
    {
        var identity = await plane.MintIdentityAsync("default");
        (await plane.Kubectl.ApplyAsync(await File.ReadAllTextAsync(ChartFile("files", "clusterrole.yaml")))).EnsureSuccess();
        await plane.Client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = $"{OperatorRole}-bench" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = OperatorRole },
            Subjects = [identity.Subject],
        });
        using var client = identity.CreateClient();
        await ClusterWait.ForAsync(async t => await client.CoordinationV1.ListLeaseForAllNamespacesAsync(limit: 1, cancellationToken: t),
            leases => leases is not null, TimeSpan.FromSeconds(30), $"the generated ClusterRole in effect for {identity.UserName}");
        return identity;
    }

    // The chart's copies of the generated CRD and ClusterRole (the operator tests keep them identical).
    private static string ChartFile(string folder, string file) => Path.Combine(RepositoryPaths.Charts, "s1identity-operator", folder, file);

    // The intakes whose status says the operator saw their current generation.
    private static async Task<List<string>> ObservedAsync(IKubernetes client, string ns, CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<EntityList<V1Alpha1SentinelOneIdentityIntake>>(
            V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns, V1Alpha1SentinelOneIdentityIntake.Plural,
            cancellationToken: cancellationToken);
        return [.. list.Items.Where(i => i.Status?.ObservedGeneration is { } g && g == i.Metadata.Generation).Select(i => i.Metadata.Name)];
    }

    private static async Task<string> ChildrenAsync(IKubernetes client, string ns)
    {
        var counts = new (string Kind, int Count)[]
        {
            ("ServiceAccount", (await client.CoreV1.ListNamespacedServiceAccountAsync(ns)).Items.Count),
            ("Role", (await client.RbacAuthorizationV1.ListNamespacedRoleAsync(ns)).Items.Count),
            ("RoleBinding", (await client.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(ns)).Items.Count),
            ("ConfigMap", (await client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Count),
            ("Secret", (await client.CoreV1.ListNamespacedSecretAsync(ns)).Items.Count - IntakeObjects.Secrets().Count()),
            ("Service", (await client.CoreV1.ListNamespacedServiceAsync(ns)).Items.Count),
            ("NetworkPolicy", (await client.NetworkingV1.ListNamespacedNetworkPolicyAsync(ns)).Items.Count),
            ("Deployment", (await client.AppsV1.ListNamespacedDeploymentAsync(ns)).Items.Count),
            ("Lease", (await client.CoordinationV1.ListNamespacedLeaseAsync(ns)).Items.Count),
        };
        return string.Join(", ", counts.Select(c => $"{c.Count} {c.Kind}"));
    }
}
