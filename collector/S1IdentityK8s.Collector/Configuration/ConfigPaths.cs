namespace S1IdentityK8s.Collector.Configuration;

/// <summary>Resolves paths written in the config file: relative ones against the file's own directory.</summary>
/// <param name="BaseDirectory">Directory of the config file; the working directory when parsing text.</param>
internal sealed record ConfigPaths(string BaseDirectory)
{
    /// <summary>The absolute form of <paramref name="path"/>, or null when it is null.</summary>
    public string? Resolve(string? path) => path is null ? null : Path.GetFullPath(path, BaseDirectory);
}
