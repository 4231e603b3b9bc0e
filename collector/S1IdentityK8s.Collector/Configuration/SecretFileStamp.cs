namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// What identifies one version of a secret file without reading it. Kubernetes mounts a Secret key as
/// <c>key → ..data/key</c> with <c>..data</c> swapped atomically on rotation, and a symlink's own metadata
/// never changes, so the stamp is taken on the final target.
/// </summary>
internal sealed record SecretFileStamp(string ResolvedPath, DateTime LastWriteUtc, long Length)
{
    /// <summary>The stamp of <paramref name="path"/> now, or null when it cannot be read (missing, no access).</summary>
    public static SecretFileStamp? Of(string path)
    {
        try
        {
            var link = new FileInfo(path);
            var target = link.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? link;
            return target.Exists ? new SecretFileStamp(target.FullName, target.LastWriteTimeUtc, target.Length) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
