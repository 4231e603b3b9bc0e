using System.Globalization;
using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Runtime.Leadership;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Operator.Tests.Runtime;

/// <summary>Leader election as the operator's identity (the generated ClusterRole); the test steals Leases as admin.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class LeaderElectedRunTests(ControlPlaneFixture cluster)
{
    [Fact]
    public async Task RunAsync_OnlyReplica_AcquiresLeaseAndRunsWork()
    {
        await using var ns = await cluster.CreateNamespaceAsync("lease");
        using var client = await OperatorIdentity.CreateClientAsync(cluster);
        var options = new LeaderElectionOptions { Namespace = ns.Name, LeaseName = "operator", Identity = "replica-a" };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var leading = new TaskCompletionSource();

        var run = LeaderElectedRun.RunAsync(client, options, async token =>
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

    [Fact]
    public async Task RunAsync_LeaderStops_SecondReplicaTakesOver()
    {
        await using var ns = await cluster.CreateNamespaceAsync("lease");
        using var client = await OperatorIdentity.CreateClientAsync(cluster);
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var aLeads = new TaskCompletionSource();
        var bLeads = new TaskCompletionSource();

        var bElection = new AnsweredAttempts(2);

        var runA = LeaderElectedRun.RunAsync(client, Fast(ns.Name, "replica-a"), Lead(aLeads), stopA.Token);
        await aLeads.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var runB = LeaderElectedRun.RunAsync(client, Fast(ns.Name, "replica-b"), Lead(bLeads), stopB.Token, bElection);
        // B's second answered read comes after its first attempt decided: had B taken the held Lease, the
        // elector would have told it (synchronously) before that read, since a leader's renewals read too.
        await bElection.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        var bLedWhileALed = bElection.Led;
        await stopA.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runA);
        await bLeads.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stopB.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runB);

        Assert.False(bLedWhileALed);
    }

    [Fact]
    public async Task RunAsync_LeaseTakenOver_CancelsWorkAndThrows()
    {
        await using var ns = await cluster.CreateNamespaceAsync("lease");
        using var client = await OperatorIdentity.CreateClientAsync(cluster);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var leads = new TaskCompletionSource();
        var workCancelled = new TaskCompletionSource();

        var run = LeaderElectedRun.RunAsync(client, Fast(ns.Name, "replica-a"), async token =>
        {
            leads.SetResult();
            using var registration = token.Register(() => workCancelled.SetResult());
            await Task.Delay(Timeout.Infinite, token);
        }, stop.Token);
        await leads.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Another replica steals the Lease (as after a partition): the next renewal must fail.
        // A merge patch has no resourceVersion precondition, so it wins against the leader's renewals.
        var renew = DateTime.UtcNow.AddMinutes(5).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
        var steal = $$$"""{"spec":{"holderIdentity":"intruder","leaseDurationSeconds":600,"renewTime":"{{{renew}}}"}}""";
        await cluster.Client.CoordinationV1.PatchNamespacedLeaseAsync(new V1Patch(steal, V1Patch.PatchType.MergePatch), "operator", ns.Name);

        var lost = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromSeconds(15)));
        await workCancelled.Task.WaitAsync(TimeSpan.FromSeconds(1));

        Assert.Contains("lost the leader election Lease", lost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LeaderStopsGracefully_ReleasesLeaseAfterWorkStopped()
    {
        await using var ns = await cluster.CreateNamespaceAsync("lease");
        using var client = await OperatorIdentity.CreateClientAsync(cluster);
        using var stop = new CancellationTokenSource();
        var leads = new TaskCompletionSource();
        string? holderWhileWorkStopped = null;

        var run = LeaderElectedRun.RunAsync(client, Fast(ns.Name, "replica-a"), async token =>
        {
            leads.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                // The Lease must still be held while the work winds down: no second writer meanwhile.
                holderWhileWorkStopped = (await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("operator", ns.Name, cancellationToken: CancellationToken.None)).Spec.HolderIdentity;
            }
        }, stop.Token);
        await leads.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var lease = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("operator", ns.Name);

        Assert.Equal("replica-a", holderWhileWorkStopped);
        Assert.Equal(("", 1), (lease.Spec.HolderIdentity, lease.Spec.LeaseDurationSeconds));
    }

    [Fact]
    public async Task RunAsync_WorkFails_EndsElectionReleasesLeaseAndThrows()
    {
        await using var ns = await cluster.CreateNamespaceAsync("lease");
        using var client = await OperatorIdentity.CreateClientAsync(cluster);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => LeaderElectedRun.RunAsync(
            client, Fast(ns.Name, "replica-a"), _ => throw new InvalidDataException("controller broke"), stop.Token).WaitAsync(TimeSpan.FromSeconds(10)));
        var lease = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("operator", ns.Name);

        Assert.IsType<InvalidDataException>(failed.InnerException);
        Assert.Equal("", lease.Spec.HolderIdentity);
    }

    private static LeaderElectionOptions Fast(string ns, string identity) => new()
    {
        Namespace = ns,
        LeaseName = "operator",
        Identity = identity,
        LeaseDuration = TimeSpan.FromSeconds(2),
        RenewDeadline = TimeSpan.FromSeconds(1.5),
        RetryPeriod = TimeSpan.FromMilliseconds(200),
    };

    private static Func<CancellationToken, Task> Lead(TaskCompletionSource leading) => async token =>
    {
        leading.TrySetResult();
        await Task.Delay(Timeout.Infinite, token);
    };

    // Counts the election attempts the apiserver answered (Reached completes at the given count) and
    // records whether leadership started.
    private sealed class AnsweredAttempts(int count) : IElectionObserver
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _answered;
        private volatile bool _led;

        public Task Reached => _reached.Task;

        public bool Led => _led;

        public void ApiAnswered()
        {
            if (Interlocked.Increment(ref _answered) >= count)
            {
                _reached.TrySetResult();
            }
        }

        public void AttemptFailed()
        {
        }

        public void StartedLeading() => _led = true;
    }
}
