using System.Diagnostics.CodeAnalysis;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// The xunit collection whose tests share one <see cref="ControlPlaneFixture"/>. xunit 2 only finds
/// collection definitions in the test assembly itself, so each test project declares it once:
/// <code>
/// [CollectionDefinition(ControlPlaneCollection.Name)]
/// public sealed class ControlPlaneCollectionDefinition : ICollectionFixture&lt;ControlPlaneFixture&gt;;
/// </code>
/// and its tests take the fixture in their constructor under <c>[Collection(ControlPlaneCollection.Name)]</c>.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "xunit's own word: a test collection")]
public static class ControlPlaneCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Kubernetes control plane";
}
