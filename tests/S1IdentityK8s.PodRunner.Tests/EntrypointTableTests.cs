using System.Text.Json;
using S1IdentityK8s.PodRunner.Containers;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>The runner's image table says what the Dockerfiles say, so the two cannot drift apart.</summary>
public sealed class EntrypointTableTests
{
    private static readonly string[] DockerfileFolders = ["collector", "operator"];

    public static TheoryData<string> Repositories => [.. ImageCatalog.BuiltImages.Select(i => i.Repository)];

    [Theory]
    [MemberData(nameof(Repositories))]
    public void BuiltImage_EntrypointMatchesItsDockerfile(string repository)
    {
        var image = ImageCatalog.BuiltImages.Single(i => i.Repository == repository);
        var projectDirectory = Path.Combine(RepositoryPaths.Root, image.ProjectDirectory);
        var dockerfile = Path.Combine(Path.GetDirectoryName(projectDirectory)!, "Dockerfile");

        var line = File.ReadAllLines(dockerfile).Single(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        var entrypoint = JsonSerializer.Deserialize<string[]>(line["ENTRYPOINT ".Length..]);

        Assert.Equal(entrypoint, image.DockerEntrypoint);
        Assert.Equal(Path.GetFileName(image.ProjectDirectory) + ".dll", image.DllName);
        Assert.True(File.Exists(Path.Combine(projectDirectory, Path.GetFileName(image.ProjectDirectory) + ".csproj")));
    }

    [Fact]
    public void EveryDockerfile_HasAnImageInTheTable()
    {
        var dockerfiles = DockerfileFolders
            .Select(d => Path.Combine(RepositoryPaths.Root, d, "Dockerfile"))
            .Where(File.Exists)
            .ToList();

        Assert.Equal(2, dockerfiles.Count);
        foreach (var dockerfile in dockerfiles)
        {
            var folder = Path.GetFileName(Path.GetDirectoryName(dockerfile));
            Assert.Contains(ImageCatalog.BuiltImages, i => i.ProjectDirectory.StartsWith(folder + "/", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("ghcr.io/s1identityk8s/collector:1.2.3", "ghcr.io/s1identityk8s/collector")]
    [InlineData("ghcr.io/s1identityk8s/operator@sha256:abc", "ghcr.io/s1identityk8s/operator")]
    [InlineData("localhost:5000/thing", "localhost:5000/thing")]
    [InlineData("s1k8s.local/host", "s1k8s.local/host")]
    public void RepositoryOf_DropsTagAndDigest(string image, string repository) =>
        Assert.Equal(repository, ImageCatalog.RepositoryOf(image));
}
