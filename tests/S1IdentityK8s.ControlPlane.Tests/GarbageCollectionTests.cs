using k8s;
using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.ControlPlane.Tests;

[Collection(ControlPlaneCollection.Name)]
public sealed class GarbageCollectionTests(ControlPlaneFixture cluster)
{
    // The garbage collector first syncs its monitors of every resource type, a few seconds after start.
    private static readonly TimeSpan CollectionTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task DeleteOwner_OwnedConfigMap_IsGarbageCollected()
    {
        Assert.True(cluster.HasControllerManager);
        await using var ns = await cluster.CreateNamespaceAsync("gc");
        var owner = await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns.Name);
        await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap
            {
                Metadata = new V1ObjectMeta
                {
                    Name = "owned",
                    OwnerReferences =
                    [
                        new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = owner.Name(), Uid = owner.Uid() },
                    ],
                },
            },
            ns.Name);
        var bystander = await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "bystander" } }, ns.Name);

        await cluster.Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns.Name);

        await ClusterWait.ForDeletionAsync(
            token => cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("owned", ns.Name, cancellationToken: token),
            CollectionTimeout, "the owned ConfigMap to be garbage-collected");
        var stillThere = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("bystander", ns.Name);
        Assert.Equal(bystander.Uid(), stillThere.Uid());
    }
}
