namespace S1IdentityK8s.PodRunner.Containers;

/// <summary>One bind mount into a container's mount namespace.</summary>
/// <param name="Source">The host path (a volume folder, or a file/folder inside it for a subPath).</param>
/// <param name="Target">The container's mountPath.</param>
/// <param name="ReadOnly">Whether it is remounted read-only.</param>
public sealed record ContainerMount(string Source, string Target, bool ReadOnly)
{
    /// <summary>Whether the source is a file (a subPath of a key), bound as a file.</summary>
    public bool IsFile => File.Exists(Source);
}
