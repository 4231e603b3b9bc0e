using k8s;
using S1IdentityK8s.Operator.Runtime;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Operator.Tests.Runtime;

[Collection(ControlPlaneCollection.Name)]
public sealed class LeaderElectedRunTests(ControlPlaneFixture cluster)
{
    [Fact]
    public async Task RunAsync_OnlyReplica_AcquiresLeaseAndRunsWork()
    {
        await using var ns = await cluster.CreateNamespaceAsync("lease");
        var options = new LeaderElectionOptions { Namespace = ns.Name, LeaseName = "operator", Identity = "replica-a" };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var leading = new TaskCompletionSource();

        var run = LeaderElectedRun.RunAsync(cluster.Client, options, async token =>
        {
            leading.SetResult();
            await Task.Delay(Timeout.Infinite, token);
        }, stop.Token);
        await leading.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var lease = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("operator", ns.Name);
        await stop.CancelAsync();

        Assert.Equal("replica-a", lease.Spec.HolderIdentity);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
