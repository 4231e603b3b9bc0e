using System.Formats.Tar;
using System.Text.Json.Nodes;

namespace S1IdentityK8s.Images.Tests;

/// <summary>The app images' config: how they start, as whom, with what environment, ports and labels.</summary>
[Collection(ImagesCollectionDefinition.Name)]
public sealed class ConfigTests(ImagesFixture images)
{
    private static readonly string[] CollectorCmd = ["--config", "/etc/s1identity/collector.yaml"];

    [Theory]
    [InlineData("collector")]
    [InlineData("operator")]
    public void Config_User_IsTheNonRootAppUser(string app) =>
        Assert.Equal(ExpectedImage.AppUser, Run(app)["User"]?.GetValue<string>());

    [Theory]
    [InlineData("collector", "S1IdentityK8s.Collector")]
    [InlineData("operator", "S1IdentityK8s.Operator")]
    public void Config_Entrypoint_IsTheExecutableApphostInApp(string app, string executable)
    {
        Assert.Equal(new[] { $"/app/{executable}" }, JsonStrings.Of(Run(app)["Entrypoint"]));
        Assert.Equal("/app", Run(app)["WorkingDir"]?.GetValue<string>());
        var apphost = images.Archive(app).Find($"/app/{executable}");
        Assert.NotNull(apphost);
        Assert.True(apphost.Mode.HasFlag(UnixFileMode.OtherExecute), $"{apphost.Path} mode {apphost.Mode}");
    }

    [Fact]
    public void Config_CollectorCmd_IsTheConfigFileTheOperatorMounts() =>
        Assert.Equal(CollectorCmd, JsonStrings.Of(Run("collector")["Cmd"]));

    [Fact]
    public void Config_OperatorCmd_IsEmpty() => Assert.Empty(JsonStrings.Of(Run("operator")["Cmd"]));

    [Theory]
    [InlineData("collector", "50051/tcp", "8080/tcp")]
    [InlineData("operator", "8080/tcp")]
    public void Config_ExposedPorts_AreTheAppsPorts(string app, params string[] ports)
    {
        var exposed = Run(app)["ExposedPorts"]?.AsObject().Select(port => port.Key).Order(StringComparer.Ordinal);
        Assert.Equal(ports.Order(StringComparer.Ordinal), exposed);
    }

    [Theory]
    [InlineData("collector")]
    [InlineData("operator")]
    public void Config_Env_PointsHomeAndOpenSslAtFilesOfTheImage(string app)
    {
        var env = JsonStrings.Of(Run(app)["Env"]);

        Assert.Contains("HOME=/home/nonroot", env);
        Assert.Contains("SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt", env);
        Assert.Equal(TarEntryType.Directory, images.Archive(app).Find("/home/nonroot")?.Type);
        Assert.True(images.Archive(app).Find("/etc/ssl/certs/ca-certificates.crt")?.IsFile);
    }

    [Fact]
    public void Config_CollectorEnv_LeavesItsPortsToItsConfigFile() =>
        Assert.DoesNotContain(JsonStrings.Of(Run("collector")["Env"]), e => e.StartsWith("ASPNETCORE_", StringComparison.Ordinal));

    [Fact]
    public void Config_OperatorEnv_ServesHealthAndMetricsOnTheExposedPort() =>
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", JsonStrings.Of(Run("operator")["Env"]));

    [Theory]
    [InlineData("collector")]
    [InlineData("operator")]
    public async Task Config_Labels_NameSourceVersionAndRevision(string app)
    {
        var labels = Run(app)["Labels"]!.AsObject();

        Assert.Equal(ExpectedImage.SourceUrl, labels["org.opencontainers.image.source"]?.GetValue<string>());
        Assert.Equal(ExpectedImage.Version, labels["org.opencontainers.image.version"]?.GetValue<string>());
        Assert.Equal(app, labels["org.opencontainers.image.title"]?.GetValue<string>());
        // A mismatch after a commit or an edit means the archives are stale: run `make images`.
        Assert.Equal(await ExpectedImage.RevisionAsync(), labels["org.opencontainers.image.revision"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("collector")]
    [InlineData("operator")]
    [InlineData("pause")]
    public void Config_CreatedTimes_AreAllTheSourceDateEpoch(string name)
    {
        var config = images.Archive(name).Config;
        var created = config["created"]!.GetValue<string>();

        Assert.Equal(created, config["config"]!["Labels"]!["org.opencontainers.image.created"]?.GetValue<string>());
        Assert.All(config["history"]!.AsArray(), entry => Assert.Equal(created, entry!["created"]!.GetValue<string>()));
        Assert.EndsWith("Z", created, StringComparison.Ordinal);
    }

    private JsonNode Run(string app) => images.Archive(app).Config["config"]!;
}
