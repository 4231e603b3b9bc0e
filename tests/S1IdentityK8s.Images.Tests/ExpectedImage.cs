using System.Text.RegularExpressions;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Images.Tests;

/// <summary>What the images should say about themselves, worked out from the repository, not from the build.</summary>
internal static partial class ExpectedImage
{
    /// <summary>Where the app images are published.</summary>
    public const string Registry = "ghcr.io/s1identityk8s";

    /// <summary>The <c>org.opencontainers.image.source</c> label.</summary>
    public const string SourceUrl = "https://github.com/s1identityk8s/s1identityk8s";

    /// <summary>The user the apps run as (the chart and the operator's collector pods use it too).</summary>
    public const string AppUser = "65532:65532";

    /// <summary>The app images' tag: the chart's <c>appVersion</c>.</summary>
    public static string Version { get; } =
        AppVersion().Match(File.ReadAllText(ImagePaths.ChartManifest)) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidDataException($"no appVersion in {ImagePaths.ChartManifest}");

    /// <summary>The HEAD commit, with <c>-dirty</c> when the work tree has changes (as <c>git status</c> lists them).</summary>
    public static async Task<string> RevisionAsync()
    {
        var git = new CliRunner("git", ["-C", RepositoryPaths.Root]);
        var head = (await git.RunAsync("rev-parse", "HEAD")).EnsureSuccess().StandardOutput.Trim();
        var status = (await git.RunAsync("status", "--porcelain")).EnsureSuccess().StandardOutput;
        return status.Length == 0 ? head : $"{head}-dirty";
    }

    [GeneratedRegex("""^appVersion:\s*"?([^"\s]+)"?\s*$""", RegexOptions.Multiline)]
    private static partial Regex AppVersion();
}
