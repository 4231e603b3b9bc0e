using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Collector.Tests.Kubernetes;

/// <summary>One real kube-apiserver shared by this project's cluster-mode tests.</summary>
[CollectionDefinition(ControlPlaneCollection.Name)]
public sealed class ControlPlaneCollectionDefinition : ICollectionFixture<ControlPlaneFixture>;
