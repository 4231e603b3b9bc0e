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
    /// <summary>Mounts each <c>SRC DST ro|rw file|dir</c> quadruple up to <c>--</c>, then cds and execs.</summary>
    private const string MountScript = """
        set -e
        export PATH=/usr/sbin:/usr/bin:/sbin:/bin
        while [ "$1" != "--" ]; do
          src=$1; dst=$2; mode=$3; kind=$4; shift 4
          if [ "$kind" = file ]; then
            mkdir -p "$(dirname "$dst")"; [ -e "$dst" ] || : >"$dst"
          else
            mkdir -p "$dst"
          fi
          mount --bind "$src" "$dst"
          if [ "$mode" = ro ]; then mount -o remount,bind,ro "$dst"; fi
        done
        shift
        mkdir -p "$1"; cd "$1"; shift
        export PATH="$RUNNER_CONTAINER_PATH"
        unset RUNNER_CONTAINER_PATH
        exec "$@"
        """;

    /// <summary>The start info for <paramref name="argv"/> with <paramref name="mounts"/>.</summary>
    public static ProcessStartInfo Build(
        IReadOnlyList<string> argv, IEnumerable<ContainerMount> mounts, string workingDirectory, string logPath,
        IReadOnlyDictionary<string, string> environment)
    {
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

        foreach (var mount in MountOrder(mounts))
        {
            list.Add(mount.Source);
            list.Add(mount.Target);
            list.Add(mount.ReadOnly ? "ro" : "rw");
            list.Add(mount.IsFile ? "file" : "dir");
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
    /// Parents before children, so a mount inside another volume's mountPath lands on top of it; but a mount
    /// whose target hides the source of another (an emptyDir at /tmp while the runner's work folder is under
    /// /tmp) goes after every other, or that source would no longer be found.
    /// </summary>
    public static IReadOnlyList<ContainerMount> MountOrder(IEnumerable<ContainerMount> mounts)
    {
        var all = mounts.ToList();
        return [.. all
            .OrderBy(m => all.Any(other => !ReferenceEquals(other, m) && IsUnder(other.Source, m.Target)))
            .ThenBy(m => m.Target, StringComparer.Ordinal)];
    }

    private static bool IsUnder(string path, string folder) =>
        path.Equals(folder, StringComparison.Ordinal) || path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);

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
