using System.Diagnostics;

namespace S1IdentityK8s.TestSupport.Node;

/// <summary>Runs <c>hack/local-cluster/node-cleanup.sh</c> on a node folder (a no-op when it holds no node).</summary>
internal static class NodeCleanup
{
    /// <summary>Runs the cleanup to completion; returns its exit code (0 also when there was nothing to do).</summary>
    public static int Run(string nodeDirectory)
    {
        if (!File.Exists(Path.Combine(nodeDirectory, NodeNetwork.EnvironmentFileName)))
        {
            return 0;
        }

        var info = new ProcessStartInfo(LocalClusterScripts.NodeCleanup) { UseShellExecute = false };
        info.ArgumentList.Add(nodeDirectory);
        info.Environment["S1K8S_NODE_CLEANUP"] = Path.GetFullPath(nodeDirectory);
        using var process = Process.Start(info)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
