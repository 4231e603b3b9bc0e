using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Monitoring.Tests;

/// <summary>One local cluster with a real node, shared by every test of <see cref="LocalClusterCollection.Name"/>.</summary>
[CollectionDefinition(LocalClusterCollection.Name)]
public sealed class LocalClusterCollectionDefinition : ICollectionFixture<LocalClusterFixture>;
