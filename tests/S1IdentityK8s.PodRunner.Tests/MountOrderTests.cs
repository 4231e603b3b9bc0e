using S1IdentityK8s.PodRunner.Containers;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>The order volumes are bound in a container's mount namespace.</summary>
public sealed class MountOrderTests
{
    [Fact]
    public void EmptyDirAtTmpWithWorkFolderUnderTmp_EverySourceIsStagedBeforeAnyMountPathIsBound()
    {
        // The chart's operator pod: an emptyDir at /tmp, and the runner's work folder under /tmp.
        var tmp = new ContainerMount("/tmp/runner/pods/p/volumes/tmp", "/tmp", ReadOnly: false);
        var token = new ContainerMount("/tmp/runner/pods/p/volumes/token", "/var/run/secrets/kubernetes.io/serviceaccount", ReadOnly: true);
        var staging = IsolatedCommand.StagingDirectory("/tmp/runner/pods/p", "app", [tmp, token]);

        var arguments = IsolatedCommand.Build(["/bin/true"], [tmp, token], staging, "/", "/dev/null", new Dictionary<string, string>())
            .ArgumentList.ToList();

        // After the script's name come the staging binds (SRC STAGE KIND), then the mountPath binds.
        var stagingPass = arguments.Skip(arguments.IndexOf("container") + 1).TakeWhile(a => a != "--").ToList();
        Assert.Contains(tmp.Source, stagingPass);
        Assert.Contains(token.Source, stagingPass);
        Assert.DoesNotContain("/tmp", stagingPass);
        // /tmp is covered in the container: the staging folder must live elsewhere.
        Assert.False(staging.StartsWith("/tmp/", StringComparison.Ordinal), staging);
    }

    [Fact]
    public void MountOrder_NestedTargets_ParentFirst()
    {
        var child = new ContainerMount("/srv/volumes/child", "/data/child", ReadOnly: false);
        var parent = new ContainerMount("/srv/volumes/parent", "/data", ReadOnly: false);

        Assert.Equal([parent, child], IsolatedCommand.MountOrder([child, parent]));
    }
}
