namespace S1IdentityK8s.Images.Tests;

/// <summary>
/// The apps start in their image's root filesystem alone, as the image's user: the Debian base holds every
/// library the self-contained runtime loads.
/// </summary>
[Collection(ImagesCollectionDefinition.Name)]
public sealed class RootFilesystemTests(ImagesFixture images)
{
    [RootFact]
    public async Task Collector_StartedInItsImageWithoutItsConfigFile_ExitsWithAConfigError()
    {
        using var rootfs = await ImageRootFilesystem.ExtractAsync(images.Collector);

        var result = await rootfs.RunAsync("/app/S1IdentityK8s.Collector", "--config", "/etc/s1identity/collector.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("config error: config file '/etc/s1identity/collector.yaml'", result.StandardError, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Operator_GenerateCrdInItsImage_PrintsTheCustomResourceDefinition()
    {
        using var rootfs = await ImageRootFilesystem.ExtractAsync(images.Operator);

        var result = await rootfs.RunAsync("/app/S1IdentityK8s.Operator", "generate", "crd");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("kind: CustomResourceDefinition", result.StandardOutput, StringComparison.Ordinal);
    }
}
