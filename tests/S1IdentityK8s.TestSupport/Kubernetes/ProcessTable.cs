using System.Diagnostics;
using System.Globalization;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>Reads Linux's <c>/proc</c> to find and end processes by group or command line.</summary>
public static class ProcessTable
{
    /// <summary>The live (not zombie) pids whose process group is <paramref name="groupId"/>.</summary>
    public static IReadOnlyList<int> InGroup(int groupId) =>
        [.. AllPids().Where(pid => GroupOf(pid) == groupId && IsAlive(pid))];

    /// <summary>The live pids whose command line contains <paramref name="fragment"/> (ordinal).</summary>
    public static IReadOnlyList<int> WithCommandLineContaining(string fragment) =>
        [.. AllPids().Where(pid => CommandLine(pid).Contains(fragment, StringComparison.Ordinal) && IsAlive(pid))];

    /// <summary>Whether a live (not zombie) process has this pid.</summary>
    public static bool IsAlive(int pid)
    {
        var stat = ReadStat(pid);
        return stat is not null && StateOf(stat) != 'Z';
    }

    /// <summary>Sends SIGKILL to every process of the group (best effort; a vanished pid is fine).</summary>
    public static void KillGroup(int groupId)
    {
        foreach (var pid in InGroup(groupId))
        {
            Kill(pid);
        }
    }

    /// <summary>Sends SIGKILL to <paramref name="pid"/> (best effort; a vanished pid is fine).</summary>
    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    /// <summary>The command line of <paramref name="pid"/> with arguments joined by spaces.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static IEnumerable<int> AllPids()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    private static int GroupOf(int pid)
    {
        // Fields after "pid (comm) ": state ppid pgrp ...; comm may hold spaces and parentheses.
        var stat = ReadStat(pid);
        if (stat is null)
        {
            return -1;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[2], CultureInfo.InvariantCulture);
    }

    private static char StateOf(string stat) => stat[stat.LastIndexOf(')') + 2];

    private static string? ReadStat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
