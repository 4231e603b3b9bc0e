using System.Globalization;

namespace S1IdentityK8s.TestSupport.Node;

/// <summary>
/// What the host sees of a container's main process: its user, effective capabilities, no-new-privileges
/// and seccomp flags (from <c>/proc/PID/status</c>), whether its root filesystem is read-only (from its
/// mount table), and its cgroup's memory limit and usage (cgroup v1 memory controller).
/// </summary>
/// <param name="Pid">The host pid.</param>
/// <param name="UserId">The real uid.</param>
/// <param name="EffectiveCapabilities">CapEff as hex (0 = none).</param>
/// <param name="NoNewPrivileges">NoNewPrivs is set.</param>
/// <param name="SeccompMode">0 off, 1 strict, 2 filter.</param>
/// <param name="ReadOnlyRoot">The container's <c>/</c> is mounted read-only.</param>
/// <param name="MemoryLimitBytes">memory.limit_in_bytes of its cgroup.</param>
/// <param name="MemoryUsageBytes">memory.usage_in_bytes of its cgroup (page cache included).</param>
/// <param name="MemoryWorkingSetBytes">The usage less inactive file pages: what the kubelet reports and evicts on.</param>
public sealed record ContainerProcess(
    int Pid, long UserId, string EffectiveCapabilities, bool NoNewPrivileges, int SeccompMode, bool ReadOnlyRoot,
    long MemoryLimitBytes, long MemoryUsageBytes, long MemoryWorkingSetBytes)
{
    /// <summary>Reads process <paramref name="pid"/>.</summary>
    public static ContainerProcess Read(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status")
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim(), StringComparer.Ordinal);
        var memoryCgroup = File.ReadAllLines($"/proc/{pid}/cgroup")
            .Select(l => l.Split(':', 3))
            .Single(p => p[1].Split(',').Contains("memory"))[2];
        var memory = Path.Combine("/sys/fs/cgroup/memory", memoryCgroup.TrimStart('/'));
        var usage = ReadNumber(Path.Combine(memory, "memory.usage_in_bytes"));
        return new ContainerProcess(
            pid,
            long.Parse(status["Uid"].Split('\t')[0], CultureInfo.InvariantCulture),
            status["CapEff"],
            status["NoNewPrivs"] == "1",
            int.Parse(status["Seccomp"], CultureInfo.InvariantCulture),
            RootIsReadOnly(pid),
            ReadNumber(Path.Combine(memory, "memory.limit_in_bytes")),
            usage,
            Math.Max(0, usage - InactiveFile(memory)));
    }

    /// <summary>Whether no capability is effective.</summary>
    public bool HasNoCapabilities => EffectiveCapabilities.All(c => c == '0');

    // mountinfo: "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS ..."; the container's / is its root mount.
    private static bool RootIsReadOnly(int pid) =>
        File.ReadAllLines($"/proc/{pid}/mountinfo")
            .Select(l => l.Split(' '))
            .Where(f => f[4] == "/")
            .Select(f => f[5].Split(','))
            .Last()
            .Contains("ro");

    private static long InactiveFile(string memoryCgroup) =>
        File.ReadAllLines(Path.Combine(memoryCgroup, "memory.stat"))
            .Select(l => l.Split(' '))
            .Where(f => f[0] == "total_inactive_file")
            .Select(f => long.Parse(f[1], CultureInfo.InvariantCulture))
            .FirstOrDefault();

    private static long ReadNumber(string path) => long.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture);
}
