using k8s.Models;

namespace S1IdentityK8s.TestSupport.Node;

/// <summary>Finds the host processes of a node's containers, through containerd's task list.</summary>
public static class NodeContainers
{
    /// <summary>The host pid of each container of <paramref name="pod"/> that runs, by container name.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> PidsAsync(LocalNode node, V1Pod pod)
    {
        var tasks = await TasksAsync(node.Images);
        return (pod.Status?.ContainerStatuses ?? [])
            .Where(c => c.ContainerID is not null && tasks.ContainsKey(Id(c.ContainerID)))
            .ToDictionary(c => c.Name, c => tasks[Id(c.ContainerID)], StringComparer.Ordinal);
    }

    /// <summary>The pids of every running task (containers and pod sandboxes) on the node, by container id.</summary>
    public static Task<IReadOnlyDictionary<string, int>> TasksAsync(LocalNode node) => TasksAsync(node.Images);

    /// <summary>The pids of every running task in <paramref name="store"/>'s containerd, by container id.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> TasksAsync(NodeImageStore store)
    {
        // TASK PID STATUS, one line each after the header.
        var list = (await store.RunAsync("tasks", "ls")).EnsureSuccess();
        return list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 3 && f[2] == "RUNNING")
            .ToDictionary(f => f[0], f => int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    // containerd://ID in a pod's containerStatuses.
    private static string Id(string containerId) => containerId[(containerId.IndexOf("://", StringComparison.Ordinal) + 3)..];
}
