extern alias KubernetesAot;

using k8s;
using k8s.Models;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Kubernetes;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Collector.Tests.Kubernetes;

[Collection(ControlPlaneCollection.Name)]
public sealed class ConfigMapCheckpointStoreTests(ControlPlaneFixture cluster) : IDisposable
{
    // The collector's own client (KubernetesClient.Aot), as in the pod.
    private readonly KubernetesAot::k8s.Kubernetes _collectorClient = new(
        KubernetesAot::k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath));

    private KubernetesAot::k8s.IKubernetes CollectorClient => _collectorClient;

    public void Dispose() => _collectorClient.Dispose();

    [Fact]
    public async Task SaveThenLoad_NewStore_RoundTripsWithOwnerReference()
    {
        await using var ns = await cluster.CreateNamespaceAsync("ckpt");
        // A real owner: the garbage collector deletes objects whose owner does not exist.
        var owner = await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns.Name);
        var options = Options(ns.Name, new OwnerReferenceOptions("v1", "ConfigMap", "owner", owner.Metadata.Uid));
        var store = new ConfigMapCheckpointStore(CollectorClient, options);
        Assert.Null(await store.LoadAsync(CancellationToken.None));
        var checkpoint = new Checkpoint { DetectedWatermarkMs = 1000, UpdatedWatermarkMs = 2000, ForwardedTotal = 7 };
        checkpoint.Delivered.Add("a", 1500);

        await store.SaveAsync(checkpoint, CancellationToken.None);
        checkpoint.ForwardedTotal = 8;
        await store.SaveAsync(checkpoint, CancellationToken.None);
        var loaded = await new ConfigMapCheckpointStore(CollectorClient, options).LoadAsync(CancellationToken.None);

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
        var ours = new ConfigMapCheckpointStore(CollectorClient, options);
        var theirs = new ConfigMapCheckpointStore(CollectorClient, options);
        await ours.SaveAsync(new Checkpoint { ForwardedTotal = 1 }, CancellationToken.None);
        await theirs.LoadAsync(CancellationToken.None);
        await theirs.SaveAsync(new Checkpoint { ForwardedTotal = 99 }, CancellationToken.None);

        await Assert.ThrowsAsync<CheckpointConflictException>(() => ours.SaveAsync(new Checkpoint { ForwardedTotal = 2 }, CancellationToken.None));

        var stored = await new ConfigMapCheckpointStore(CollectorClient, options).LoadAsync(CancellationToken.None);
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
        var store = new ConfigMapCheckpointStore(CollectorClient, options);

        Assert.Null(await store.LoadAsync(CancellationToken.None));
        await store.SaveAsync(new Checkpoint { ForwardedTotal = 3 }, CancellationToken.None);

        var map = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(options.CheckpointConfigMap, ns.Name);
        Assert.Equal("yes", map.Metadata.Labels["operator"]);
        Assert.Contains("\"forwardedTotal\":3", map.Data[ConfigMapCheckpointStore.DataKey], StringComparison.Ordinal);
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
