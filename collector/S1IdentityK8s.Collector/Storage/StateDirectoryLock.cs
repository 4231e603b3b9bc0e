namespace S1IdentityK8s.Collector.Storage;

/// <summary>
/// An exclusive lock on the state directory, so two collectors never share one checkpoint. Held through
/// an open file with <see cref="FileShare.None"/> (flock on Unix): the kernel releases it when the process
/// dies, even on SIGKILL, so a crash never leaves a stale lock behind.
/// </summary>
public sealed class StateDirectoryLock : IDisposable
{
    private readonly FileStream _lockFile;

    private StateDirectoryLock(FileStream lockFile) => _lockFile = lockFile;

    /// <summary>Creates <paramref name="directory"/> if needed and locks it, or throws naming the directory.</summary>
    public static StateDirectoryLock Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ".lock");
        try
        {
            return new StateDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e)
        {
            throw new IOException($"state directory '{directory}' is in use by another collector", e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lockFile.Dispose();
}
