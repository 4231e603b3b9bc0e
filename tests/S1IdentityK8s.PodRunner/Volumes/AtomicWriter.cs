using System.Globalization;
using System.Runtime.InteropServices;

namespace S1IdentityK8s.PodRunner.Volumes;

/// <summary>
/// Writes a volume's files the way the kubelet's AtomicWriter does, so apps that hot-reload see a
/// consistent set at every instant: the files go into a fresh timestamped folder <c>..TIMESTAMP</c>,
/// the <c>..data</c> symlink is swapped to it with one rename, and each visible name is a symlink
/// <c>NAME → ..data/NAME</c>. File watchers of the key files see the change through the symlink.
/// </summary>
public sealed class AtomicWriter(string targetDirectory)
{
    private const string DataLink = "..data";
    private const string NewDataLink = "..data_tmp";

    /// <summary>Where the volume lives.</summary>
    public string TargetDirectory { get; } = targetDirectory;

    /// <summary>
    /// Makes the volume hold exactly <paramref name="payload"/> (relative path → file); returns false
    /// (and touches nothing) when it already does.
    /// </summary>
    public bool Write(IReadOnlyDictionary<string, VolumeFile> payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        Directory.CreateDirectory(TargetDirectory);
        var dataPath = Path.Combine(TargetDirectory, DataLink);
        var oldTarget = new FileInfo(dataPath).LinkTarget;
        if (oldTarget is not null && Holds(Path.Combine(TargetDirectory, oldTarget), payload))
        {
            return false;
        }

        var stamp = ".." + DateTime.UtcNow.ToString("yyyy_MM_dd_HH_mm_ss.fffffff", CultureInfo.InvariantCulture);
        var timestamped = Path.Combine(TargetDirectory, stamp);
        foreach (var (relative, file) in payload)
        {
            var path = Path.Combine(timestamped, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Content);
            File.SetUnixFileMode(path, file.Mode);
        }

        Directory.CreateDirectory(timestamped);
        var newLink = Path.Combine(TargetDirectory, NewDataLink);
        File.Delete(newLink);
        File.CreateSymbolicLink(newLink, stamp);
        // rename(2) over the old link: readers see the old set or the new one, never a mix. (File.Move
        // refuses a source that is a link to a folder.)
        if (NativeMethods.rename(newLink, dataPath) != 0)
        {
            throw new IOException($"could not swap {dataPath}: errno {Marshal.GetLastPInvokeError()}");
        }

        var visible = payload.Keys.Select(TopLevelName).ToHashSet(StringComparer.Ordinal);
        foreach (var name in visible)
        {
            var link = Path.Combine(TargetDirectory, name);
            if (new FileInfo(link).LinkTarget is null)
            {
                File.CreateSymbolicLink(link, Path.Combine(DataLink, name));
            }
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(TargetDirectory))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith("..", StringComparison.Ordinal) || visible.Contains(name))
            {
                continue;
            }

            File.Delete(entry);
        }

        if (oldTarget is not null && oldTarget != stamp)
        {
            Directory.Delete(Path.Combine(TargetDirectory, oldTarget), recursive: true);
        }

        return true;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054, CA2101 // LibraryImport needs unsafe code enabled project-wide; paths are UTF-8 on Linux.
        public static extern int rename([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
#pragma warning restore SYSLIB1054, CA2101
    }

    private static string TopLevelName(string relative) => relative.Split('/', 2)[0];

    private static bool Holds(string directory, IReadOnlyDictionary<string, VolumeFile> payload)
    {
        if (!Directory.Exists(directory))
        {
            return false;
        }

        var existing = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToList();
        if (existing.Count != payload.Count)
        {
            return false;
        }

        foreach (var (relative, file) in payload)
        {
            var path = Path.Combine(directory, relative);
            if (!File.Exists(path) || File.GetUnixFileMode(path) != file.Mode
                || !File.ReadAllBytes(path).AsSpan().SequenceEqual(file.Content))
            {
                return false;
            }
        }

        return true;
    }
}
