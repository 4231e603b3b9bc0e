using System.Globalization;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>Finds every process of a container: the members of its PID namespace, seen from the host.</summary>
public static class PidNamespace
{
    /// <summary>
    /// The live host pids sharing the PID namespace of the app under container process
    /// <paramref name="containerPid"/> (the runner's <c>unshare</c>, whose child is the app).
    /// </summary>
    public static IReadOnlyList<int> MembersUnder(int containerPid)
    {
        var children = File.ReadAllText($"/proc/{containerPid}/task/{containerPid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var app = int.Parse(children.Single(), CultureInfo.InvariantCulture);
        var ns = new FileInfo($"/proc/{app}/ns/pid").LinkTarget;
        return [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != containerPid && NamespaceOf(pid) == ns && ProcessTable.IsAlive(pid))];
    }

    private static string? NamespaceOf(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/pid").LinkTarget;
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
