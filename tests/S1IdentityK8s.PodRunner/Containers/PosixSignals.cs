using System.Runtime.InteropServices;

namespace S1IdentityK8s.PodRunner.Containers;

/// <summary>Sends POSIX signals to processes and process groups (.NET's Process can only SIGKILL one).</summary>
public static class PosixSignals
{
    /// <summary>SIGTERM.</summary>
    public const int Term = 15;

    /// <summary>SIGKILL.</summary>
    public const int Kill = 9;

    /// <summary>Sends <paramref name="signal"/> to every process of group <paramref name="groupId"/>.</summary>
    public static bool SendToGroup(int groupId, int signal) => NativeMethods.kill(-groupId, signal) == 0;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>.</summary>
    public static bool Send(int pid, int signal) => NativeMethods.kill(pid, signal) == 0;

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code enabled project-wide; one blittable call does not.
        public static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
    }
}
