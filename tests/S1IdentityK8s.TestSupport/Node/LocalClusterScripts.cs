using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.TestSupport.Node;

/// <summary>The shell scripts under <c>hack/local-cluster/</c> that set up and tear down a local node.</summary>
internal static class LocalClusterScripts
{
    private static string Folder => Path.Combine(RepositoryPaths.Root, "hack", "local-cluster");

    /// <summary>Creates a node's network namespace, veth pair and bridge.</summary>
    public static string NodeNetwork => Path.Combine(Folder, "node-network.sh");

    /// <summary>Removes everything a node made (processes, mounts, cgroups, network).</summary>
    public static string NodeCleanup => Path.Combine(Folder, "node-cleanup.sh");
}
