namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// A <see cref="ControlPlaneFixture"/> with a real node (<see cref="ControlPlaneOptions.StartNode"/>): pods
/// run from the images of <c>make images</c> on containerd + runc under a real kubelet. Shared by the tests
/// of <see cref="LocalClusterCollection.Name"/>.
/// </summary>
public sealed class LocalClusterFixture : ControlPlaneFixture
{
    public LocalClusterFixture()
        : base(new ControlPlaneOptions { StartNode = true })
    {
    }
}
