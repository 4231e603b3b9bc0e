using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Images.Tests;

/// <summary>Where <c>make images</c> writes, and the files the images are built from, in the source tree.</summary>
internal static class ImagePaths
{
    /// <summary>The images built by default, by archive name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["collector", "operator", "pause"];

    /// <summary><c>hack/images/build.sh</c>, what <c>make images</c> runs.</summary>
    public static string BuildScript { get; } = Path.Combine(RepositoryPaths.Root, "hack", "images", "build.sh");

    /// <summary><c>artifacts/images/</c>: the archives and <c>images.json</c>.</summary>
    public static string Output { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", "images");

    /// <summary>The catalogue <c>images.json</c> of <paramref name="output"/> (default: <see cref="Output"/>).</summary>
    public static string Catalog(string? output = null) => Path.Combine(output ?? Output, "images.json");

    /// <summary>The archive of image <paramref name="name"/> in <paramref name="output"/> (default: <see cref="Output"/>).</summary>
    public static string Archive(string name, string? output = null) => Path.Combine(output ?? Output, $"{name}.tar");

    /// <summary>The Dockerfile of an app image (<c>collector/Dockerfile</c>, <c>operator/Dockerfile</c>).</summary>
    public static string Dockerfile(string app) => Path.Combine(RepositoryPaths.Root, app, "Dockerfile");

    /// <summary>The chart whose <c>appVersion</c> is the app images' tag.</summary>
    public static string ChartManifest { get; } =
        Path.Combine(RepositoryPaths.Charts, "s1identity-operator", "Chart.yaml");
}
