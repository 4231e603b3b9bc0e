using System.Globalization;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// Removes what an earlier, killed test host left behind: run folders (in the temp folder and on
/// /dev/shm) named <c>s1k8s-cp-PID-*</c> whose PID is gone, any process still naming such a run, and
/// what its node made (the node's reaper normally removes that as the host dies; this is the fallback).
/// </summary>
internal static class StaleRunCleaner
{
    public const string RunPrefix = "s1k8s-cp-";

    public static void Clean()
    {
        foreach (var root in new[] { Path.GetTempPath(), "/dev/shm" }.Where(Directory.Exists))
        {
            foreach (var dir in Directory.EnumerateDirectories(root, RunPrefix + "*"))
            {
                var runId = Path.GetFileName(dir);
                if (OwnerPid(runId) is not { } pid || ProcessTable.IsAlive(pid))
                {
                    continue;
                }

                Node.NodeCleanup.Run(Path.Combine(dir, "node"));
                foreach (var orphan in ProcessTable.WithCommandLineContaining(runId))
                {
                    ProcessTable.Kill(orphan);
                }

                TryDelete(dir);
            }
        }
    }

    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
        catch (IOException)
        {
            // Best effort: a later run retries.
        }
        catch (UnauthorizedAccessException)
        {
            // Another user's run.
        }
    }

    private static int? OwnerPid(string runId)
    {
        var parts = runId[RunPrefix.Length..].Split('-');
        return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }
}
