using System.Diagnostics.CodeAnalysis;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// The xunit collection whose tests share one <see cref="LocalClusterFixture"/> (control plane and node).
/// Each test project using it declares it once, as for <see cref="ControlPlaneCollection"/>:
/// <code>
/// [CollectionDefinition(LocalClusterCollection.Name)]
/// public sealed class LocalClusterCollectionDefinition : ICollectionFixture&lt;LocalClusterFixture&gt;;
/// </code>
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "xunit's own word: a test collection")]
public static class LocalClusterCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Local cluster with a node";
}
