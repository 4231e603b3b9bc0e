using System.Globalization;
using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Runtime.Watch;
using S1IdentityK8s.Operator.Tests.Api;
using S1IdentityK8s.Operator.Tests.Scale;
using S1IdentityK8s.TestSupport.Kubernetes;
using Xunit.Abstractions;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>
/// Operator chaos on the real apiserver: 100 intakes, then at once a third deleted, a third edited, Secrets
/// deleted, children deleted by hand and 30 new intakes. Everything converges: each live intake reconciled at
/// its generation with its children, the ones whose Secret went missing Stalled until it is back, the deleted
/// intakes' children collected, and then no write at all (no hot loop). The API traffic is reported.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class ChurnTests(ControlPlaneFixture cluster, ITestOutputHelper output)
{
    private const int Initial = 100;
    private const int Added = 30;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Churn_IntakesDeletedEditedAddedSecretsAndChildrenRemoved_ConvergesWithoutLeaksOrHotLoop()
    {
        await using var ns = await IntakeCrd.NamespaceAsync(cluster, "churn");
        var options = new IntakeControllerOptions { GrpcProbes = false };
        await using var run = await RunningOperator.StartAsync(cluster, TimeSpan.FromSeconds(1), options, [ns.Name]);
        await ClusterWait.ForAsync(_ => Task.FromResult<object?>(run.Health.Synced), synced => (bool)synced!, Patience, "the controller's watches to list");
        var client = cluster.Client;
        await ScaleIntakes.CreateManyAsync(client, ns.Name, Initial, CancellationToken.None);
        await WaitReconciledAsync(ns.Name, Initial, run);
        var writesBefore = run.WritesIn(ns.Name).Count;

        var deleted = Enumerable.Range(0, 30).ToList();
        var edited = Enumerable.Range(30, 30).ToList();
        var secretless = Enumerable.Range(60, 10).ToList();
        var stripped = Enumerable.Range(70, 10).ToList();
        await Task.WhenAll(
            Parallel.ForEachAsync(deleted, (i, t) => new ValueTask(DeleteIntakeAsync(ns.Name, i, t))),
            Parallel.ForEachAsync(edited, (i, t) => new ValueTask(EditIntakeAsync(ns.Name, i, t))),
            Parallel.ForEachAsync(secretless, async (i, t) => await client.CoreV1.DeleteNamespacedSecretAsync($"{ScaleIntakes.Name(i)}-s1-token", ns.Name, cancellationToken: t)),
            Parallel.ForEachAsync(stripped, async (i, t) =>
            {
                await client.AppsV1.DeleteNamespacedDeploymentAsync($"{ScaleIntakes.Name(i)}-collector", ns.Name, cancellationToken: t);
                await client.CoreV1.DeleteNamespacedConfigMapAsync($"{ScaleIntakes.Name(i)}-collector", ns.Name, cancellationToken: t);
            }),
            Parallel.ForEachAsync(Enumerable.Range(Initial, Added), async (i, t) => await ScaleIntakes.CreateAsync(client, ns.Name, i, t)));

        // Intakes whose Secret is gone say so, naming it, while everything else converges.
        await ClusterWait.ForAsync(
            async t => (object?)(await ListAsync(ns.Name, t)).Count(i => Stalled(i) is { Reason: ConditionReasons.SecretMissing } s && s.Message!.Contains("-s1-token", StringComparison.Ordinal)),
            n => (int)n! == secretless.Count, Patience, "every intake without its Secret Stalled with SecretMissing");
        await Parallel.ForEachAsync(secretless, async (i, t) => await client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = $"{ScaleIntakes.Name(i)}-s1-token" }, StringData = new Dictionary<string, string> { ["token"] = "s1-token-SECRET-churn" } },
            ns.Name, cancellationToken: t));

        var live = Initial - deleted.Count + Added;
        await WaitReconciledAsync(ns.Name, live, run);
        await ClusterWait.ForAsync(
            async t => (object?)(await ListAsync(ns.Name, t)).Count(i => Stalled(i)?.Status == "True"), n => (int)n! == 0, Patience, "no intake Stalled once the Secrets are back");
        var expected = ScaleIntakes.ChildrenPerIntake.ToDictionary(c => c.Key, c => c.Value * live);
        if (cluster.HasControllerManager)
        {
            // The deleted intakes' children go with them: the garbage collector follows their ownerReferences.
            await ClusterWait.ForAsync(
                async t => (object?)await ScaleIntakes.ChildrenAsync(client, ns.Name, t), c => Same(expected, (IReadOnlyDictionary<string, int>)c!), Patience,
                "exactly the live intakes' children");
        }

        await ClusterWait.ForAsync(_ => Task.FromResult<object?>(run.SettledIn(ns.Name) ? run : null), r => r is not null, Patience, "the operator to catch up");
        var writes = run.WritesIn(ns.Name).Count;
        var reconciles = run.ReconcilesIn(ns.Name);
        await ClusterWait.ForAsync(
            _ => Task.FromResult<object?>(run.ReconcilesIn(ns.Name)), n => (int)n! >= reconciles + (2 * live), Patience, "two resyncs of every intake");
        var steadyWrites = run.WritesIn(ns.Name).Skip(writes).ToList();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"churn of {Initial} intakes (30 deleted, 30 edited, 10 Secrets deleted and recreated, 10 stripped of children, {Added} added): "
            + $"{writes - writesBefore} writes to converge ({(double)(writes - writesBefore) / (deleted.Count + edited.Count + secretless.Count + stripped.Count + Added):0.0} per change); "
            + $"steady state: {steadyWrites.Count} writes over {run.ReconcilesIn(ns.Name) - reconciles} reconciles"));
        Assert.Empty(steadyWrites);
        Assert.Equal(0, run.SameIntakeAtOnce);
        Assert.Equal(expected, await ScaleIntakes.ChildrenAsync(client, ns.Name, CancellationToken.None));
    }

    private static IntakeCondition? Stalled(V1Alpha1SentinelOneIdentityIntake intake) =>
        intake.Status?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Stalled && c.ObservedGeneration == intake.Metadata.Generation);

    private static bool Same(IReadOnlyDictionary<string, int> expected, IReadOnlyDictionary<string, int> actual) =>
        expected.All(e => actual.GetValueOrDefault(e.Key) == e.Value);

    private async Task WaitReconciledAsync(string ns, int count, RunningOperator run) =>
        await ClusterWait.ForAsync(
            async t => (object?)await ScaleIntakes.ReconciledAsync(cluster.Client, ns, t), n => (int)n! == count, Patience,
            $"{count} intakes reconciled at their generation\n{run.Log}");

    private async Task<IList<V1Alpha1SentinelOneIdentityIntake>> ListAsync(string ns, CancellationToken token) =>
        (await cluster.Client.CustomObjects.ListNamespacedCustomObjectAsync<EntityList<V1Alpha1SentinelOneIdentityIntake>>(
            V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns,
            V1Alpha1SentinelOneIdentityIntake.Plural, cancellationToken: token)).Items;

    private async Task DeleteIntakeAsync(string ns, int i, CancellationToken token) =>
        await cluster.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns,
            V1Alpha1SentinelOneIdentityIntake.Plural, ScaleIntakes.Name(i), cancellationToken: token);

    private async Task EditIntakeAsync(string ns, int i, CancellationToken token) =>
        await cluster.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"collection":{"pollInterval":"30s"}}}""", V1Patch.PatchType.MergePatch),
            V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns,
            V1Alpha1SentinelOneIdentityIntake.Plural, ScaleIntakes.Name(i), cancellationToken: token);
}
