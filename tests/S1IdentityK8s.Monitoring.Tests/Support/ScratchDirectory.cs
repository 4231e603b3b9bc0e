namespace S1IdentityK8s.Monitoring.Tests.Support;

/// <summary>A temp folder deleted on disposal, whatever the test's outcome.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    /// <summary>Creates a fresh folder named after <paramref name="purpose"/>.</summary>
    public ScratchDirectory(string purpose) => Path = Directory.CreateTempSubdirectory($"s1k8s-{purpose}-").FullName;

    /// <summary>Its full path.</summary>
    public string Path { get; }

    /// <summary>A file inside it.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
