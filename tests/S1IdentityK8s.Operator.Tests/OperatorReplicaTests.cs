using System.Diagnostics;
using System.Globalization;
using System.Net;
using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Tests.Api;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;
using Xunit.Abstractions;

namespace S1IdentityK8s.Operator.Tests;

/// <summary>
/// Several operator processes on one Lease, each as the generated ClusterRole: one reconciles, the others
/// stand by and are Ready; a crashed leader is replaced once its Lease expires, a stopped one at once.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class OperatorReplicaTests(ControlPlaneFixture cluster, ITestOutputHelper output)
{
    private const string Lease = "s1identity-operator";
    private const string Intake = "acme-identity";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static (TimeSpan LeaseDuration, TimeSpan RenewDeadline, TimeSpan RetryPeriod) Election => OperatorProcess.FastElection;

    [Fact]
    public async Task Main_ThreeReplicas_OneReconcilesStandbysReadyAndLeadershipHandsOverOnSigtermThenSigkill()
    {
        await using var ns = await IntakeCrd.NamespaceAsync(cluster, "replicas");
        var kubeconfig = (await OperatorIdentity.ForAsync(cluster)).KubeconfigPath;
        await using var a = OperatorProcess.Start(kubeconfig, ns.Name, "operator-a");
        await a.Process.WaitForOutputAsync(line => line.Contains("leading as operator-a", StringComparison.Ordinal), Patience);
        await using var b = OperatorProcess.Start(kubeconfig, ns.Name, "operator-b");
        await using var c = OperatorProcess.Start(kubeconfig, ns.Name, "operator-c");
        foreach (var replica in new[] { a, b, c })
        {
            await replica.WaitForAsync("/readyz", HttpStatusCode.OK, Patience);
        }

        (await cluster.Kubectl.RunAsync(["apply", "-n", ns.Name, "-f", OperatorPaths.ExampleIntake], null)).EnsureSuccess();
        await WaitForObservedGenerationAsync(ns.Name, 1);
        Assert.True(await a.ReconcilesAsync() > 0, a.Process.OutputText);
        Assert.Equal((0d, 0d), (await b.ReconcilesAsync(), await c.ReconcilesAsync()));

        // Graceful stop: the leader releases the Lease, so a standby takes it at its next attempt.
        await using var holders = await LeaseHolders.WatchAsync(cluster.Client, ns.Name, Lease);
        var (graceful, second) = await HandOverAsync(a, kill: false, ns.Name, generation: 2, [b, c]);
        var idle = second == b ? c : b;
        Assert.Equal(0, a.Process.ExitCode);
        Assert.Equal(0d, await idle.ReconcilesAsync());

        // Crash: nobody releases; the last standby waits for the Lease to expire.
        var (crash, third) = await HandOverAsync(second, kill: true, ns.Name, generation: 3, [idle]);
        var seen = await holders.StopAsync();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Lease {Election.LeaseDuration.TotalSeconds}s / renew {Election.RenewDeadline.TotalSeconds}s / retry {Election.RetryPeriod.TotalSeconds}s; holders {string.Join(" → ", seen.Select(h => h == "" ? "(released)" : h))}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hand-over after SIGTERM ({a.Name} → {second.Name}): Lease taken {graceful.Acquired.TotalSeconds:0.00}s after the signal, next spec change reconciled after {graceful.Reconciled.TotalSeconds:0.00}s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hand-over after SIGKILL ({second.Name} → {third.Name}): Lease taken {crash.Acquired.TotalSeconds:0.00}s after the signal, next spec change reconciled after {crash.Reconciled.TotalSeconds:0.00}s"));
        // The graceful leader emptied the holder before the standby took it (its release, not an expiry);
        // the crashed one did not, and its successor took the Lease straight from it.
        Assert.Equal([a.Name, "", second.Name, third.Name], seen);
        // Never before the crashed leader's Lease expired (no two leaders): the standby counts the
        // LeaseDuration from when it saw the last renewal, which was after that renewal was written.
        Assert.True(crash.TakenAt >= crash.LastRenewal + Election.LeaseDuration, $"crash hand-over: {crash}");
    }

    [Fact]
    public async Task Main_LeaseTakenByAnother_LeaderExitsWithCode1()
    {
        await using var ns = await cluster.CreateNamespaceAsync("lost");
        var kubeconfig = (await OperatorIdentity.ForAsync(cluster)).KubeconfigPath;
        await using var leader = OperatorProcess.Start(kubeconfig, ns.Name, "operator-a");
        await leader.Process.WaitForOutputAsync(line => line.Contains("leading as operator-a", StringComparison.Ordinal), Patience);

        var stolen = Stopwatch.StartNew();
        await HoldLeaseAsync(ns.Name, "intruder", patch: true);
        var exitCode = await leader.Process.WaitForExitAsync(Patience);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exited {stolen.Elapsed.TotalSeconds:0.00}s after the Lease was taken (renew deadline {Election.RenewDeadline.TotalSeconds}s)"));
        Assert.Equal(1, exitCode);
        // The exit is signalled before the pipes are drained: wait for the line, do not read the output at once.
        await leader.Process.WaitForOutputAsync(line => line.Contains("leadership lost", StringComparison.Ordinal), Patience);
    }

    [LocalControlPlaneFact]
    public async Task Main_StandbyCutOffFromApiServer_NotReadyButLiveThenReadyAgain()
    {
        await using var ns = await cluster.CreateNamespaceAsync("cutoff");
        // Another replica holds the Lease for 10 minutes: this one stays a standby throughout.
        await HoldLeaseAsync(ns.Name, "elsewhere", patch: false);
        var identity = await OperatorIdentity.ForAsync(cluster);
        var server = new Uri(KubernetesClientConfiguration.BuildConfigFromConfigFile(identity.KubeconfigPath).Host);
        await using var proxy = new LoopbackTcpProxy(server.Port);
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"s1k8s-proxied-{ns.Name}.kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, (await File.ReadAllTextAsync(identity.KubeconfigPath))
            .Replace($"server: {server.GetLeftPart(UriPartial.Authority)}", $"server: https://127.0.0.1:{proxy.Port.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal));
        try
        {
            await using var standby = OperatorProcess.Start(kubeconfig, ns.Name, "operator-b");
            await standby.WaitForAsync("/readyz", HttpStatusCode.OK, Patience);

            proxy.Cut();
            var cut = Stopwatch.StartNew();
            await standby.WaitForAsync("/readyz", HttpStatusCode.ServiceUnavailable, Patience);
            var notReadyAfter = cut.Elapsed;
            var live = await standby.StatusOfAsync("/healthz");
            proxy.Restore();
            await standby.WaitForAsync("/readyz", HttpStatusCode.OK, Patience);

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"/readyz 503 {notReadyAfter.TotalSeconds:0.00}s after the cut (Lease duration {Election.LeaseDuration.TotalSeconds}s)"));
            Assert.Equal("200", live);
            // The window is one LeaseDuration since the last answer (attempts every RetryPeriod): a single
            // failed attempt must not flip readiness.
            Assert.True(notReadyAfter >= Election.LeaseDuration / 2, $"not ready after {notReadyAfter}");
            Assert.DoesNotContain("leading as", standby.Process.OutputText, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    // Stops the leader, changes the spec, and times until a standby took the Lease (its acquireTime, same
    // machine clock) and until it reconciled that change; also returns the stopped leader's last renewal.
    private async Task<(HandOver Times, OperatorProcess Leader)> HandOverAsync(
        OperatorProcess leader, bool kill, string ns, int generation, OperatorProcess[] standbys)
    {
        var signalled = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        if (kill)
        {
            await leader.Process.KillAsync();
        }
        else
        {
            await leader.Process.StopAsync();
        }

        // Read once the leader is gone: no renewal can follow, and no standby may have taken a crashed
        // leader's Lease yet (it has LeaseDuration to wait).
        var left = (await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync(Lease, ns)).Spec;
        var pageSize = (200 + generation).ToString(CultureInfo.InvariantCulture);
        (await cluster.Kubectl.RunAsync("patch", "s1i", Intake, "-n", ns, "--type=merge", "-p", $$$$"""{"spec":{"sentinelOne":{"pageSize":{{{{pageSize}}}}}}}""")).EnsureSuccess();
        await WaitForObservedGenerationAsync(ns, generation);
        var reconciled = clock.Elapsed;
        var lease = (await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync(Lease, ns)).Spec;
        var next = Assert.Single(standbys, s => s.Name == lease.HolderIdentity);
        Assert.Contains($"leading as {lease.HolderIdentity}", next.Process.OutputText, StringComparison.Ordinal);
        var takenAt = lease.AcquireTime!.Value.ToUniversalTime();
        return (new HandOver(takenAt - signalled, reconciled, takenAt, left.RenewTime!.Value.ToUniversalTime()), next);
    }

    private Task<V1Alpha1SentinelOneIdentityIntake?> WaitForObservedGenerationAsync(string ns, int generation) =>
        ClusterWait.ForAsync(
            async t => await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SentinelOneIdentityIntake>(
                V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns,
                V1Alpha1SentinelOneIdentityIntake.Plural, Intake, t),
            i => i?.Status?.ObservedGeneration == generation, Patience, $"generation {generation} reconciled");

    // As another replica would: hold the Lease for 10 minutes, by merge patch (no precondition, so it wins).
    private async Task HoldLeaseAsync(string ns, string holder, bool patch)
    {
        var now = DateTime.UtcNow;
        var spec = new V1LeaseSpec { HolderIdentity = holder, LeaseDurationSeconds = 600, AcquireTime = now, RenewTime = now };
        if (patch)
        {
            await cluster.Client.CoordinationV1.PatchNamespacedLeaseAsync(
                new V1Patch(new V1Lease { Spec = spec }, V1Patch.PatchType.MergePatch), Lease, ns);
        }
        else
        {
            await cluster.Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = Lease }, Spec = spec }, ns);
        }
    }

    // When a standby took the Lease and reconciled after the leader was stopped, the absolute acquireTime,
    // and the stopped leader's last renewal as the Lease showed it once the leader was gone.
    private sealed record HandOver(TimeSpan Acquired, TimeSpan Reconciled, DateTime TakenAt, DateTime LastRenewal);
}
