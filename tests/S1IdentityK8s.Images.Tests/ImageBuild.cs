using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Images.Tests;

/// <summary>Runs <c>hack/images/build.sh</c>, what <c>make images</c> runs.</summary>
internal static class ImageBuild
{
    /// <summary>A cold build publishes both apps and assembles the base: minutes on two busy cores.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    /// <summary>Builds, throwing with the script's output when it fails.</summary>
    /// <param name="environment">E.g. <c>S1K8S_IMAGES</c> (which images), <c>S1K8S_IMAGES_OUT</c> (where),
    /// <c>SOURCE_DATE_EPOCH</c>; none builds all images into <c>artifacts/images/</c>.</param>
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var runner = new CliRunner(ImagePaths.BuildScript, environment: environment) { DefaultTimeout = Timeout };
        return (await runner.RunAsync()).EnsureSuccess();
    }
}
