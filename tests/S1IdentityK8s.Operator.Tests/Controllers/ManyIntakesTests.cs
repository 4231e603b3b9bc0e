using System.Globalization;
using k8s;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Runtime.Queue;
using S1IdentityK8s.Operator.Tests.Api;
using S1IdentityK8s.Operator.Tests.Scale;
using S1IdentityK8s.TestSupport.Kubernetes;
using Xunit.Abstractions;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>
/// Many intakes applied at once (the scale measurement's scenario, smaller and untimed): every one is
/// reconciled, by a bounded pool of workers that never runs one intake twice at once, and once settled
/// the operator writes nothing however often it reconciles.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class ManyIntakesTests(ControlPlaneFixture cluster, ITestOutputHelper output)
{
    private const int Count = 60;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Reconcile_ManyIntakesAtOnce_EveryOneReconciledInParallelThenNoWrites()
    {
        await using var ns = await IntakeCrd.NamespaceAsync(cluster, "many");
        var options = new IntakeControllerOptions { GrpcProbes = false };
        // Resync every 200 ms: the steady state is checked against many reconciles of every intake.
        await using var run = await RunningOperator.StartAsync(cluster, TimeSpan.FromMilliseconds(200), options, [ns.Name]);
        await ClusterWait.ForAsync(_ => Task.FromResult<object?>(run.Health.Synced), synced => (bool)synced!, Patience, "the controller's watches to list");

        await ScaleIntakes.CreateManyAsync(cluster.Client, ns.Name, Count, CancellationToken.None);
        await ClusterWait.ForAsync(
            async t => (object?)await ScaleIntakes.ReconciledAsync(cluster.Client, ns.Name, t), n => (int)n! == Count, Patience,
            $"every intake's status.observedGeneration\n{run.Log}");
        var children = await ScaleIntakes.ChildrenAsync(cluster.Client, ns.Name, CancellationToken.None);
        if (cluster.HasControllerManager)
        {
            // The controller-manager's pods (one per Deployment) are the last changes the operator reacts to.
            await ClusterWait.ForAsync(
                async t => (object?)(await cluster.Client.CoreV1.ListNamespacedPodAsync(ns.Name, cancellationToken: t)).Items.Count, n => (int)n! >= Count,
                Patience, "a pod for every collector Deployment");
        }

        await ClusterWait.ForAsync(_ => Task.FromResult<object?>(run.SettledIn(ns.Name) ? run : null), r => r is not null, Patience, "the operator to catch up");
        var writes = run.WritesIn(ns.Name).Count;
        var reconciles = run.ReconcilesIn(ns.Name);
        await ClusterWait.ForAsync(
            _ => Task.FromResult<object?>(run.ReconcilesIn(ns.Name)), n => (int)n! >= reconciles + (3 * Count), Patience, "three resyncs of every intake");
        var steadyWrites = run.WritesIn(ns.Name).Skip(writes).ToList();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Count} intakes: {writes} writes to reconcile them, at most {run.MostReconcilesAtOnce} reconciles at once; steady state: {steadyWrites.Count} writes over {run.ReconcilesIn(ns.Name) - reconciles} reconciles"));
        Assert.Equal(ScaleIntakes.ChildrenPerIntake.ToDictionary(c => c.Key, c => c.Value * Count), children);
        Assert.Empty(steadyWrites);
        Assert.Equal(0, run.SameIntakeAtOnce);
        Assert.InRange(run.MostReconcilesAtOnce, 2, new WorkQueueOptions().Workers);
        Assert.True(run.FailedReconcilesIn(ns.Name) == 0, run.Log);
    }
}
