using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Kubernetes;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.Tests.Delivery;
using S1IdentityK8s.TestSupport.Kubernetes;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Kubernetes;

[Collection(ControlPlaneCollection.Name)]
public sealed class ConfigMapCheckpointStoreTests(ControlPlaneFixture cluster, ITestOutputHelper output) : IDisposable
{
    // The collector's own client, as in the pod.
    private readonly KubeApiClient _collectorClient = new(KubeconfigReader.Read(cluster.KubeconfigPath));

    private KubeApiClient CollectorClient => _collectorClient;

    public void Dispose() => _collectorClient.Dispose();

    [Fact]
    public async Task SaveThenLoad_NewStore_RoundTripsWithOwnerReference()
    {
        await using var ns = await cluster.CreateNamespaceAsync("ckpt");
        // A real owner: the garbage collector deletes objects whose owner does not exist.
        var owner = await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns.Name);
        var options = Options(ns.Name, new OwnerReferenceOptions("v1", "ConfigMap", "owner", owner.Metadata.Uid));
        var store = Store(options);
        Assert.Null(await store.LoadAsync(CancellationToken.None));
        var checkpoint = new Checkpoint { DetectedWatermarkMs = 1000, UpdatedWatermarkMs = 2000, ForwardedTotal = 7 };
        checkpoint.Delivered.Add("a", 1500);

        await store.SaveAsync(checkpoint, CancellationToken.None);
        checkpoint.ForwardedTotal = 8;
        await store.SaveAsync(checkpoint, CancellationToken.None);
        var loaded = await Store(options).LoadAsync(CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(8, loaded.ForwardedTotal);
        Assert.Equal(1000, loaded.DetectedWatermarkMs);
        Assert.True(loaded.Delivered.Contains("a", 1500));
        var map = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(options.CheckpointConfigMap, ns.Name);
        Assert.Equal("owner", Assert.Single(map.Metadata.OwnerReferences).Name);
    }

    [Fact]
    public async Task Save_AfterAnotherWriterChangedIt_ConflictsInsteadOfOverwriting()
    {
        await using var ns = await cluster.CreateNamespaceAsync("ckpt");
        var options = Options(ns.Name);
        var ours = Store(options);
        var theirs = Store(options);
        await ours.SaveAsync(new Checkpoint { ForwardedTotal = 1 }, CancellationToken.None);
        await theirs.LoadAsync(CancellationToken.None);
        await theirs.SaveAsync(new Checkpoint { ForwardedTotal = 99 }, CancellationToken.None);

        await Assert.ThrowsAsync<CheckpointConflictException>(() => ours.SaveAsync(new Checkpoint { ForwardedTotal = 2 }, CancellationToken.None));

        var stored = await Store(options).LoadAsync(CancellationToken.None);
        Assert.Equal(99, stored!.ForwardedTotal);
    }

    [Fact]
    public async Task Save_ConfigMapPreCreatedByTheOperator_KeepsItsLabels()
    {
        await using var ns = await cluster.CreateNamespaceAsync("ckpt");
        var options = Options(ns.Name);
        await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = options.CheckpointConfigMap, Labels = new Dictionary<string, string> { ["operator"] = "yes" } },
        }, ns.Name);
        var store = Store(options);

        Assert.Null(await store.LoadAsync(CancellationToken.None));
        await store.SaveAsync(new Checkpoint { ForwardedTotal = 3 }, CancellationToken.None);

        var map = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(options.CheckpointConfigMap, ns.Name);
        Assert.Equal("yes", map.Metadata.Labels["operator"]);
        Assert.Contains("\"forwardedTotal\":3", map.Data[ConfigMapCheckpointStore.DataKey], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_50000KeysInOneOverlapWindow_FitsTheConfigMapAndLoadsEveryKey()
    {
        await using var ns = await cluster.CreateNamespaceAsync("ckpt");
        var metrics = new CollectorMetrics("ns", "intake");
        var store = Store(Options(ns.Name), metrics);
        var checkpoint = WithKeys(DedupKeyFixtures.InOneWindow(50_000));

        await store.SaveAsync(checkpoint, CancellationToken.None);
        var loaded = await Store(Options(ns.Name)).LoadAsync(CancellationToken.None);

        var stored = await StoredBytesAsync(ns.Name);
        output.WriteLine($"50,000 keys: {stored:N0} bytes stored ({(double)stored / 50_000:F2} a key); the version 1 JSON would be "
            + $"{CheckpointSerializer.Serialize(checkpoint).Length:N0}");
        Assert.InRange(stored, 0, ConfigMapCheckpointStore.BudgetBytes);
        Assert.Equal(0, metrics.DedupKeysDropped.Value);
        Assert.Equal(checkpoint.Delivered.Snapshot(), loaded!.Delivered.Snapshot());
    }

    [Fact]
    public async Task Save_200000KeysInOneOverlapWindow_WritesWithinTheLimitDroppingOnlyTheOldestCountedOnce()
    {
        await using var ns = await cluster.CreateNamespaceAsync("ckpt");
        var metrics = new CollectorMetrics("ns", "intake");
        var store = Store(Options(ns.Name), metrics);
        var checkpoint = WithKeys(DedupKeyFixtures.InOneWindow(200_000));
        var all = checkpoint.Delivered.Snapshot();

        await store.SaveAsync(checkpoint, CancellationToken.None);
        checkpoint.ForwardedTotal++;
        await store.SaveAsync(checkpoint, CancellationToken.None);
        var loaded = (await Store(Options(ns.Name)).LoadAsync(CancellationToken.None))!.Delivered.Snapshot();

        var stored = await StoredBytesAsync(ns.Name);
        var dropped = (int)metrics.DedupKeysDropped.Value;
        output.WriteLine($"200,000 keys: {stored:N0} bytes stored, {loaded.Count:N0} keys kept, {dropped:N0} dropped");
        Assert.InRange(stored, 0, ConfigMapCheckpointStore.BudgetBytes);
        Assert.Equal(all.Count - loaded.Count, dropped);
        Assert.InRange(dropped, 1, all.Count - 50_000);
        // The newest are kept; what is dropped could only ever be sent again, and this process still filters it.
        Assert.Equal(all.Skip(dropped), loaded);
        Assert.All(all.Take(dropped), k => Assert.True(checkpoint.Delivered.Contains(k.Id, k.UpdatedAtMs)));
    }

    [Fact]
    public async Task Load_Version1CheckpointOfThePreviousCollector_LoadsAndIsRewrittenCompact()
    {
        await using var ns = await cluster.CreateNamespaceAsync("ckpt");
        var options = Options(ns.Name);
        var previous = WithKeys([("ba485919-e4c1-4496-9e2f-feb320f6841a", 1_795_000_100_000), ("alert-7", 1_795_000_200_000)]);
        previous.ForwardedTotal = 5;
        await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = options.CheckpointConfigMap },
            Data = new Dictionary<string, string> { [ConfigMapCheckpointStore.DataKey] = System.Text.Encoding.UTF8.GetString(CheckpointSerializer.Serialize(previous)) },
        }, ns.Name);
        var store = Store(options);

        var loaded = await store.LoadAsync(CancellationToken.None);
        await store.SaveAsync(loaded!, CancellationToken.None);
        var reloaded = await Store(options).LoadAsync(CancellationToken.None);

        Assert.Equal(previous.Delivered.Snapshot(), loaded!.Delivered.Snapshot());
        Assert.Equal(previous.Delivered.Snapshot(), reloaded!.Delivered.Snapshot());
        Assert.Equal(5, reloaded.ForwardedTotal);
        var map = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(options.CheckpointConfigMap, ns.Name);
        Assert.Contains("\"version\":2", map.Data[ConfigMapCheckpointStore.DataKey], StringComparison.Ordinal);
        Assert.True(map.BinaryData.ContainsKey(ConfigMapCheckpointStore.KeysKey));
    }

    private ConfigMapCheckpointStore Store(KubernetesOptions options, CollectorMetrics? metrics = null) =>
        new(CollectorClient, options, metrics ?? new CollectorMetrics("ns", "intake"), NullLogger<ConfigMapCheckpointStore>.Instance);

    private static Checkpoint WithKeys(IEnumerable<(string Id, long UpdatedAtMs)> keys)
    {
        var checkpoint = new Checkpoint { DetectedWatermarkMs = 1_795_000_600_000, UpdatedWatermarkMs = 1_795_000_600_000 };
        foreach (var (id, updatedAtMs) in keys)
        {
            checkpoint.Delivered.Add(id, updatedAtMs);
        }
        return checkpoint;
    }

    // What the apiserver counts against the 1 MiB limit: data and binaryData values, as stored.
    private async Task<int> StoredBytesAsync(string ns)
    {
        var map = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("intake-checkpoint", ns);
        return map.Data.Sum(d => System.Text.Encoding.UTF8.GetByteCount(d.Value)) + map.BinaryData.Sum(b => b.Value.Length);
    }

    private static KubernetesOptions Options(string ns, OwnerReferenceOptions? owner = null) => new()
    {
        Namespace = ns,
        CheckpointConfigMap = "intake-checkpoint",
        LeaseName = "intake-checkpoint-writer",
        Identity = "test",
        Owner = owner,
    };
}
