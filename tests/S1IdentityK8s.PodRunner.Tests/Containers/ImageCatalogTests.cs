using S1IdentityK8s.PodRunner.Containers;

namespace S1IdentityK8s.PodRunner.Tests.Containers;

/// <summary>Images map to host commands with Kubernetes' command/args semantics.</summary>
public sealed class ImageCatalogTests
{
    private static readonly Dictionary<string, string> NoVariables = [];

    [Fact]
    public void ExtraImage_RunsItsDllWithDotnet()
    {
        var dll = typeof(ImageCatalog).Assembly.Location;
        var catalog = new ImageCatalog(new Dictionary<string, string> { ["example.local/app"] = dll }, null);

        var image = catalog.Resolve("example.local/app:1.0");

        Assert.Equal([ImageCatalog.DotnetHost, $"/app/{Path.GetFileName(dll)}"], image.Entrypoint);
        Assert.Equal("/app", image.DefaultWorkingDirectory);
        Assert.Equal(Path.GetDirectoryName(dll), image.Content);
    }

    [Fact]
    public void ExtraDllForABuiltImage_KeepsTheRestOfItsDockerfileEntrypoint()
    {
        var dll = typeof(ImageCatalog).Assembly.Location;
        var catalog = new ImageCatalog(new Dictionary<string, string> { ["ghcr.io/s1identityk8s/collector"] = dll }, null);

        var image = catalog.Resolve("ghcr.io/s1identityk8s/collector:dev");

        Assert.Equal([ImageCatalog.DotnetHost, $"/app/{Path.GetFileName(dll)}", "--config", "/etc/s1identity/collector.yaml"], image.Entrypoint);
    }

    [Fact]
    public void UnknownImage_IsNotFound_NamingTheImage()
    {
        var catalog = new ImageCatalog(new Dictionary<string, string>(), null);

        var error = Assert.Throws<ImageNotFoundException>(() => catalog.Resolve("quay.io/someone/else:2"));

        Assert.Contains("quay.io/someone/else:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Args_ReplaceCmd_AfterTheEntrypoint()
    {
        var image = new ResolvedImage(["/usr/bin/dotnet", "/app/x.dll", "--config", "/etc/x.yaml"], "/app", "id");

        var argv = ContainerCommand.Resolve(image, null, ["--verbose"], NoVariables);

        Assert.Equal(["/usr/bin/dotnet", "/app/x.dll", "--config", "/etc/x.yaml", "--verbose"], argv);
    }

    [Fact]
    public void Command_ReplacesTheEntrypoint_WithExpansion()
    {
        var image = new ResolvedImage(["/usr/bin/dotnet", "/app/x.dll"], "/app", "id");

        var argv = ContainerCommand.Resolve(image, ["/bin/echo", "$(WHO)"], ["$$(WHO)"], new Dictionary<string, string> { ["WHO"] = "me" });

        Assert.Equal(["/bin/echo", "me", "$(WHO)"], argv);
    }

    [Fact]
    public void HostImage_WithoutCommand_IsAConfigError()
    {
        var image = new ImageCatalog(new Dictionary<string, string>(), null).Resolve(ImageCatalog.HostImage);

        Assert.Throws<ContainerConfigException>(() => ContainerCommand.Resolve(image, null, null, NoVariables));
    }
}
