using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.EndToEnd.Tests;

/// <summary>The tail of every container log the pod runner wrote, for failure messages (there is no `kubectl logs`).</summary>
internal static class PodLogs
{
    public static string Tail(PodRunnerProcess runner, int lines = 25)
    {
        var pods = Path.Combine(runner.WorkDirectory, "pods");
        if (!Directory.Exists(pods))
        {
            return "(no pod logs)";
        }

        return string.Join('\n', Directory.EnumerateFiles(pods, "*.log", SearchOption.AllDirectories).Order().Select(log =>
            $"--- {Path.GetRelativePath(pods, log)}\n{string.Join('\n', File.ReadLines(log).TakeLast(lines))}"));
    }
}
