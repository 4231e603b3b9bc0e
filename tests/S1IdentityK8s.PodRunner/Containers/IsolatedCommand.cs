using System.Diagnostics;

namespace S1IdentityK8s.PodRunner.Containers;

/// <summary>
/// Wraps a container's argv so it runs like a container on the host:
/// <c>sh</c> sends its output to the log file, <c>setpriv --pdeathsig KILL</c> ties it to the runner
/// (if the runner dies, even by SIGKILL, the kernel kills it), <c>setsid</c> gives it its own process
/// group for SIGTERM, and <c>unshare --mount --pid --fork --kill-child</c> gives it private mounts (the
/// volumes bound at their mountPaths) and a PID namespace whose init is the app: when it dies, the kernel
/// kills every process it started, so nothing outlives the container.
/// </summary>
public static class IsolatedCommand
{
    /// <summary>
    /// Two passes: first binds each source onto its staging path (<c>SRC STAGE file|dir</c> up to
    /// <c>--</c>), then each staging path onto its mountPath (<c>STAGE DST ro|rw file|dir</c> up to
    /// <c>--</c>); then cds and execs. Staging first matters: a mountPath such as <c>/tmp</c> would
    /// otherwise hide the sources of later mounts that live under it (the runner's work folder).
    /// </summary>
    private const string MountScript = """
        set -e
        export PATH=/usr/sbin:/usr/bin:/sbin:/bin
        prepare() { if [ "$2" = file ]; then mkdir -p "$(dirname "$1")"; [ -e "$1" ] || : >"$1"; else mkdir -p "$1"; fi; }
        while [ "$1" != "--" ]; do
          prepare "$2" "$3"; mount --bind "$1" "$2"; shift 3
        done
        shift
        while [ "$1" != "--" ]; do
          prepare "$2" "$4"; mount --bind "$1" "$2"
          if [ "$3" = ro ]; then mount -o remount,bind,ro "$2"; fi
          shift 4
        done
        shift
        mkdir -p "$1"; cd "$1"; shift
        export PATH="$RUNNER_CONTAINER_PATH"
        unset RUNNER_CONTAINER_PATH
        exec "$@"
        """;

    /// <summary>
    /// The start info for <paramref name="argv"/> with <paramref name="mounts"/>, staged under
    /// <paramref name="stagingDirectory"/> (which no mountPath may cover).
    /// </summary>
    public static ProcessStartInfo Build(
        IReadOnlyList<string> argv, IReadOnlyList<ContainerMount> mounts, string stagingDirectory, string workingDirectory,
        string logPath, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        ArgumentNullException.ThrowIfNull(argv);
        ArgumentNullException.ThrowIfNull(environment);
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = "/" };
        info.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        // The script sets its own PATH for mount and mkdir, then hands the container's PATH back.
        info.Environment["RUNNER_CONTAINER_PATH"] = environment.TryGetValue("PATH", out var path) ? path : "/usr/bin:/bin";

        var list = info.ArgumentList;
        list.Add("-c");
        list.Add("exec >>\"$0\" 2>&1 </dev/null; exec \"$@\"");
        list.Add(logPath);
        list.Add("/usr/bin/setpriv");
        list.Add("--pdeathsig");
        list.Add("KILL");
        list.Add("--");
        list.Add("/usr/bin/setsid");
        list.Add("/usr/bin/unshare");
        if (!IsRoot)
        {
            // Without root, a user namespace (mapped to root inside) still allows private mounts.
            list.Add("--user");
            list.Add("--map-root-user");
        }

        foreach (var flag in new[] { "--mount", "--pid", "--fork", "--kill-child=SIGKILL", "--mount-proc", "--propagation", "private", "--", "/bin/sh", "-c", MountScript, "container" })
        {
            list.Add(flag);
        }

        var ordered = MountOrder(mounts);
        for (var i = 0; i < ordered.Count; i++)
        {
            list.Add(ordered[i].Source);
            list.Add(Path.Combine(stagingDirectory, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            list.Add(ordered[i].IsFile ? "file" : "dir");
        }

        list.Add("--");
        for (var i = 0; i < ordered.Count; i++)
        {
            list.Add(Path.Combine(stagingDirectory, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            list.Add(ordered[i].Target);
            list.Add(ordered[i].ReadOnly ? "ro" : "rw");
            list.Add(ordered[i].IsFile ? "file" : "dir");
        }

        list.Add("--");
        list.Add(workingDirectory);
        foreach (var argument in argv)
        {
            list.Add(argument);
        }

        return info;
    }

    /// <summary>
    /// A staging folder for a container's mounts that none of its mountPaths covers: inside the pod
    /// folder, else under /run or /var/tmp. Throws <see cref="ContainerConfigException"/> when all are covered.
    /// </summary>
    public static string StagingDirectory(string podDirectory, string containerName, IEnumerable<ContainerMount> mounts)
    {
        var targets = mounts.Select(m => m.Target.TrimEnd('/')).ToList();
        var leaf = $"{Path.GetFileName(podDirectory)}-{containerName}";
        string[] candidates =
        [
            Path.Combine(podDirectory, "mounts", containerName),
            Path.Combine("/run/s1k8s-pod-runner", leaf),
            Path.Combine("/var/tmp/s1k8s-pod-runner", leaf),
        ];
        return candidates.FirstOrDefault(c => !targets.Any(t => t.Length == 0 || c == t || c.StartsWith(t + "/", StringComparison.Ordinal)))
            ?? throw new ContainerConfigException("the container's mountPaths cover every staging folder the runner can use");
    }

    /// <summary>
    /// Parents before children, so a mount inside another volume's mountPath lands on top of it. (A
    /// mountPath that covers another mount's source, e.g. an emptyDir at /tmp over the runner's work
    /// folder, needs no special order: every source is staged before any mountPath is bound.)
    /// </summary>
    public static IReadOnlyList<ContainerMount> MountOrder(IEnumerable<ContainerMount> mounts) =>
        [.. mounts.OrderBy(m => m.Target, StringComparer.Ordinal)];

    /// <summary>Whether the runner runs as root (uid 0).</summary>
    public static bool IsRoot => Environment.UserName == "root" || GetUid() == 0;

    private static uint GetUid()
    {
        try
        {
            var status = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            return uint.Parse(status.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return uint.MaxValue;
        }
    }
}
