namespace S1IdentityK8s.TestSupport.Node;

/// <summary>
/// The node's cgroup root in every cgroup v1 hierarchy: the kubelet refuses a <c>--cgroup-root</c> that
/// does not exist, and a new cpuset cgroup admits no process until it has CPUs and memory nodes.
/// </summary>
internal static class NodeCgroups
{
    private const string Mount = "/sys/fs/cgroup";

    public static void Create(string cgroupRoot)
    {
        foreach (var hierarchy in Directory.EnumerateDirectories(Mount).Where(h => Path.GetFileName(h) != "unified"))
        {
            var path = Path.Combine(hierarchy, cgroupRoot.TrimStart('/'));
            Directory.CreateDirectory(path);
            if (Path.GetFileName(hierarchy) == "cpuset")
            {
                foreach (var file in new[] { "cpuset.cpus", "cpuset.mems" })
                {
                    File.WriteAllText(Path.Combine(path, file), File.ReadAllText(Path.Combine(hierarchy, file)).Trim());
                }
            }
        }
    }
}
