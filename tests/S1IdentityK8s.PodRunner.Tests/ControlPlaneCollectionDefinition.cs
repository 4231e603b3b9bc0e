using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>One local control plane and pod runner shared by every test of <see cref="ControlPlaneCollection.Name"/>.</summary>
[CollectionDefinition(ControlPlaneCollection.Name)]
public sealed class ControlPlaneCollectionDefinition : ICollectionFixture<PodRunnerCluster>;
