using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.EndToEnd.Tests;

/// <summary>One local control plane shared by every test of <see cref="ControlPlaneCollection.Name"/>.</summary>
[CollectionDefinition(ControlPlaneCollection.Name)]
public sealed class ControlPlaneCollectionDefinition : ICollectionFixture<ControlPlaneFixture>;
