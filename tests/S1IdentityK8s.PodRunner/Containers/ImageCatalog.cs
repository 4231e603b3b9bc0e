namespace S1IdentityK8s.PodRunner.Containers;

/// <summary>
/// Maps images to host commands: this repository's images to <c>[dotnet, BUILT_DLL, ...rest of the
/// Dockerfile ENTRYPOINT]</c>, <c>--image REPO=DLL</c> ones to <c>[dotnet, DLL]</c>, and
/// <see cref="HostImage"/> to nothing (the container's command runs as is). Nothing is ever pulled.
/// </summary>
public sealed class ImageCatalog
{
    /// <summary>Where an image's files are in its containers: the Dockerfiles' WORKDIR.</summary>
    public const string AppDirectory = "/app";

    /// <summary>The image whose containers run their <c>command</c> + <c>args</c> directly on the host.</summary>
    public const string HostImage = "s1k8s.local/host";

    /// <summary>The images this repository builds; a test checks them against the Dockerfiles.</summary>
    public static readonly IReadOnlyList<BuiltImage> BuiltImages =
    [
        new("ghcr.io/s1identityk8s/collector", "collector/S1IdentityK8s.Collector",
            ["dotnet", "S1IdentityK8s.Collector.dll", "--config", "/etc/s1identity/collector.yaml"]),
        new("ghcr.io/s1identityk8s/operator", "operator/S1IdentityK8s.Operator",
            ["dotnet", "S1IdentityK8s.Operator.dll"]),
    ];

    private readonly IReadOnlyDictionary<string, string> _extraDlls;
    private readonly string? _repositoryRoot;

    /// <summary>A catalog with <paramref name="extraDlls"/> (repository → dll) on top of the built images.</summary>
    public ImageCatalog(IReadOnlyDictionary<string, string> extraDlls, string? repositoryRoot)
    {
        _extraDlls = extraDlls;
        _repositoryRoot = repositoryRoot;
    }

    /// <summary>The <c>dotnet</c> host: the one running this runner, else <c>dotnet</c> from PATH.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";

    /// <summary>The repository an image reference names: without tag or digest.</summary>
    public static string RepositoryOf(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? image[..at] : image;
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name[..colon] : name;
    }

    /// <summary>The repository root above this runner's binaries, or null outside a checkout.</summary>
    public static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "S1IdentityK8s.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// What runs for <paramref name="image"/>; throws <see cref="ImageNotFoundException"/> (reported as
    /// <c>ErrImagePull</c>) for an image it cannot map.
    /// </summary>
    public ResolvedImage Resolve(string image)
    {
        var repository = RepositoryOf(image);
        if (repository == HostImage)
        {
            return new ResolvedImage([], "/", $"{HostImage}@host");
        }

        var built = BuiltImages.FirstOrDefault(b => b.Repository == repository);
        if (_extraDlls.TryGetValue(repository, out var dll))
        {
            return File.Exists(dll)
                ? Dotnet(dll, built?.DockerEntrypoint.Skip(2) ?? [])
                : throw new ImageNotFoundException($"image {image}: --image names a missing dll {dll}");
        }

        if (built is null)
        {
            throw new ImageNotFoundException(
                $"image {image} is unknown to the pod runner: use {HostImage}, one of "
                + string.Join(", ", BuiltImages.Select(b => b.Repository)) + ", or pass --image REPOSITORY=DLL");
        }

        var candidates = BuiltOutputs(built).ToList();
        var found = candidates.FirstOrDefault(File.Exists) ?? throw new ImageNotFoundException(
            $"image {image}: not built; run 'dotnet build {built.ProjectDirectory} -c Release' or pass --image. Tried: "
            + string.Join(", ", candidates));
        return Dotnet(found, built.DockerEntrypoint.Skip(2));
    }

    // The build output is bound at /app like the image's files: a pod's own mounts (an emptyDir at /tmp)
    // can then never hide the code, wherever the checkout lives.
    private static ResolvedImage Dotnet(string dll, IEnumerable<string> rest) =>
        new([DotnetHost, $"{AppDirectory}/{Path.GetFileName(dll)}", .. rest], AppDirectory, $"file://{dll}", Path.GetDirectoryName(dll)!);

    private IEnumerable<string> BuiltOutputs(BuiltImage built)
    {
        if (_repositoryRoot is null)
        {
            yield break;
        }

        // The configuration this runner was built in first (tests build Release), then the others.
        var parts = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var bin = Array.LastIndexOf(parts, "bin");
        var own = bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Release";
        foreach (var configuration in new[] { own, "Release", "Debug" }.Distinct(StringComparer.Ordinal))
        {
            yield return Path.Combine(_repositoryRoot, built.ProjectDirectory, "bin", configuration, "net10.0", built.DllName);
        }
    }
}
