namespace S1IdentityK8s.Images.Tests;

/// <summary>
/// <c>collector/Dockerfile</c> and <c>operator/Dockerfile</c> (for people with Docker; no engine runs here)
/// state what the images <c>make images</c> builds have: compared with the archives' config.
/// </summary>
[Collection(ImagesCollectionDefinition.Name)]
public sealed class DockerfileTests(ImagesFixture images)
{
    [Theory]
    [InlineData("collector")]
    [InlineData("operator")]
    public void Dockerfile_UserWorkdirEntrypointCmd_MatchTheImageConfig(string app)
    {
        var dockerfile = Dockerfile.Read(ImagePaths.Dockerfile(app));
        var config = images.Archive(app).Config["config"]!;

        Assert.Equal(config["User"]?.GetValue<string>(), dockerfile.User);
        Assert.Equal(config["WorkingDir"]?.GetValue<string>(), dockerfile.WorkingDir);
        Assert.Equal(JsonStrings.Of(config["Entrypoint"]), dockerfile.Entrypoint);
        Assert.Equal(JsonStrings.Of(config["Cmd"]), dockerfile.Cmd ?? []);
    }

    [Theory]
    [InlineData("collector")]
    [InlineData("operator")]
    public void Dockerfile_Expose_MatchesTheImageConfig(string app)
    {
        var dockerfile = Dockerfile.Read(ImagePaths.Dockerfile(app));
        var exposed = images.Archive(app).Config["config"]!["ExposedPorts"]!.AsObject().Select(port => port.Key);

        Assert.Equal(exposed.Order(StringComparer.Ordinal), dockerfile.ExposedPorts.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("collector")]
    [InlineData("operator")]
    public void Dockerfile_Env_MatchesTheImageConfig(string app)
    {
        // An empty ENV value clears one of the chiseled base's variables, which our Debian base never sets.
        var declared = Dockerfile.Read(ImagePaths.Dockerfile(app)).Env
            .Where(pair => pair.Value.Length > 0).Select(pair => $"{pair.Key}={pair.Value}");

        Assert.Equal(JsonStrings.Of(images.Archive(app).Config["config"]!["Env"]).Order(StringComparer.Ordinal),
            declared.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("collector")]
    [InlineData("operator")]
    public void Dockerfile_Labels_AreTheImageConfigsLabels(string app)
    {
        var labels = images.Archive(app).Config["config"]!["Labels"]!;

        Assert.All(Dockerfile.Read(ImagePaths.Dockerfile(app)).Labels,
            label => Assert.Equal(label.Value, labels[label.Key]?.GetValue<string>()));
    }

    [Theory]
    [InlineData("collector")]
    [InlineData("operator")]
    public void Dockerfile_Build_PublishesSelfContainedOntoRuntimeDeps(string app)
    {
        var dockerfile = Dockerfile.Read(ImagePaths.Dockerfile(app));

        Assert.Equal("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled", dockerfile.BaseImage);
        Assert.Contains(dockerfile.RunCommands, run =>
            run.Contains("dotnet publish", StringComparison.Ordinal)
            && run.Contains("-r linux-x64 --self-contained", StringComparison.Ordinal)
            && run.Contains("-o /app", StringComparison.Ordinal));
    }
}
