using System.Runtime.InteropServices;

namespace S1IdentityK8s.TestSupport.Processes;

/// <summary>Sends POSIX signals; .NET's Process can only SIGKILL, and a graceful stop needs SIGTERM.</summary>
internal static class PosixSignal
{
    public const int Term = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is gone.</summary>
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
