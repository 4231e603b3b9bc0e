using S1IdentityK8s.PodRunner.Containers;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>The order volumes are bound in a container's mount namespace.</summary>
public sealed class MountOrderTests
{
    [Fact]
    public void MountOrder_EmptyDirAtTmpWithWorkFolderUnderTmp_BindsTmpLast()
    {
        // The chart's operator pod: an emptyDir at /tmp, and the runner's work folder under /tmp.
        var tmp = new ContainerMount("/tmp/runner/pods/p/volumes/tmp", "/tmp", ReadOnly: false);
        var token = new ContainerMount("/tmp/runner/pods/p/volumes/token", "/var/run/secrets/kubernetes.io/serviceaccount", ReadOnly: true);

        var order = IsolatedCommand.MountOrder([tmp, token]);

        Assert.Equal([token, tmp], order);
    }

    [Fact]
    public void MountOrder_NestedTargets_ParentFirst()
    {
        var child = new ContainerMount("/srv/volumes/child", "/data/child", ReadOnly: false);
        var parent = new ContainerMount("/srv/volumes/parent", "/data", ReadOnly: false);

        Assert.Equal([parent, child], IsolatedCommand.MountOrder([child, parent]));
    }
}
