using S1IdentityK8s.Collector.Configuration;

namespace S1IdentityK8s.Collector.Tests.Configuration;

public class CollectorSecretsTests
{
    public static TheoryData<string, string> TrimCases => new()
    {
        { "trailing newline", "token-abc\n" },
        { "windows newline", "token-abc\r\n" },
        { "several newlines and spaces", "token-abc \n\n\t" },
        { "no newline", "token-abc" },
        { "leading whitespace", "\n token-abc\n" },
    };

    [Theory]
    [MemberData(nameof(TrimCases))]
    public void FromFile_SurroundingWhitespace_IsTrimmed(string name, string content)
    {
        using var directory = new TempDirectory();
        var path = directory.Write("token", content);

        Assert.Equal("token-abc", SecretValue.FromFile(path).Reveal());
        Assert.Equal("token-abc", SecretSource.FromFile(path).Current.Reveal());
        Assert.Equal($"file '{path}'", SecretSource.FromFile(path).Origin);
        Assert.NotEmpty(name);
    }

    [Fact]
    public void Parse_SecretsFromFiles_AreRead()
    {
        using var directory = new TempDirectory();
        directory.Write("s1", "s1-token\n");
        directory.Write("sekoia", "intake-key\n");
        directory.Write("admin", "admin-token\n");
        var yaml = ConfigYaml.Minimal + "  apiTokenFile: s1\nsekoia:\n  intakeKeyFile: sekoia\nadminTokenFile: admin\n";

        var result = CollectorConfigLoader.Parse(yaml, ConfigYaml.NoEnvironment(), directory.Path);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("s1-token", result.Secrets.ApiToken.Reveal());
        Assert.Equal("intake-key", result.Secrets.IntakeKey.Reveal());
        Assert.Equal("admin-token", result.Secrets.AdminToken?.Reveal());
        Assert.Equal(Path.Combine(directory.Path, "s1"), result.Secrets.ApiTokenSource.FilePath);
    }

    [Fact]
    public void Parse_SecretsFromEnvironment_AreUsed()
    {
        var environment = ConfigYaml.SecretsEnvironment();
        environment[CollectorSecrets.AdminTokenVariable] = "  admin-from-env\n";

        var result = CollectorConfigLoader.Parse(ConfigYaml.Minimal, environment, null);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(ConfigYaml.ApiToken, result.Secrets.ApiToken.Reveal());
        Assert.Equal(ConfigYaml.IntakeKey, result.Secrets.IntakeKey.Reveal());
        Assert.Equal("admin-from-env", result.Secrets.AdminToken?.Reveal());
        Assert.Equal("env S1_API_TOKEN", result.Secrets.ApiTokenSource.Origin);
        Assert.Null(result.Secrets.ApiTokenSource.FilePath);
    }

    [Fact]
    public void Parse_EnvironmentAndFile_EnvironmentWins()
    {
        using var directory = new TempDirectory();
        directory.Write("s1", "from-file\n");
        var yaml = ConfigYaml.Minimal + "  apiTokenFile: s1\n";

        var result = CollectorConfigLoader.Parse(yaml, ConfigYaml.SecretsEnvironment(), directory.Path);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(ConfigYaml.ApiToken, result.Secrets.ApiToken.Reveal());
    }

    [Fact]
    public void Parse_EmptyEnvironmentVariable_FallsBackToFile()
    {
        using var directory = new TempDirectory();
        directory.Write("s1", "from-file\n");
        var environment = ConfigYaml.SecretsEnvironment();
        environment[CollectorSecrets.ApiTokenVariable] = " ";

        var result = CollectorConfigLoader.Parse(ConfigYaml.Minimal + "  apiTokenFile: s1\n", environment, directory.Path);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("from-file", result.Secrets.ApiToken.Reveal());
    }

    [Fact]
    public void Parse_NoAdminToken_IsNull()
    {
        var result = ConfigYaml.Parse(ConfigYaml.Minimal);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Null(result.Secrets.AdminTokenSource);
        Assert.Null(result.Secrets.AdminToken);
    }

    [Fact]
    public void Parse_NoSecrets_NamesKeyAndVariable()
    {
        var result = CollectorConfigLoader.Parse(ConfigYaml.Minimal, ConfigYaml.NoEnvironment(), null);

        Assert.Equal(
            ["sentinelOne.apiTokenFile or env S1_API_TOKEN: required", "sekoia.intakeKeyFile or env SEKOIA_INTAKE_KEY: required"],
            result.Errors);
    }

    [Fact]
    public void Parse_UnusableSecretFiles_NameKeyAndFile()
    {
        using var directory = new TempDirectory();
        directory.Write("empty", "\n\n");
        Directory.CreateDirectory(Path.Combine(directory.Path, "folder"));
        var yaml = ConfigYaml.Minimal + "  apiTokenFile: missing\nsekoia:\n  intakeKeyFile: empty\nadminTokenFile: folder\n";

        var result = CollectorConfigLoader.Parse(yaml, ConfigYaml.NoEnvironment(), directory.Path);

        Assert.Equal(
            [
                $"sentinelOne.apiTokenFile: file '{Path.Combine(directory.Path, "missing")}' not found",
                $"sekoia.intakeKeyFile: file '{Path.Combine(directory.Path, "empty")}' is empty",
                $"adminTokenFile: file '{Path.Combine(directory.Path, "folder")}' is a directory, expected a file",
            ],
            result.Errors);
    }

    [Fact]
    public void Current_FileRewritten_ReturnsNewValue()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("token", "first\n");
        var source = SecretSource.FromFile(path);

        File.WriteAllText(path, "second-longer\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        Assert.Equal("second-longer", source.Current.Reveal());
    }

    [Fact]
    public void Current_KubernetesSymlinkSwap_ReturnsNewValue()
    {
        using var directory = new TempDirectory();
        directory.Write("..2026_01/token", "first\n");
        File.CreateSymbolicLink(Path.Combine(directory.Path, "..data"), "..2026_01");
        var path = Path.Combine(directory.Path, "token");
        File.CreateSymbolicLink(path, "..data/token");
        var source = SecretSource.FromFile(path);
        Assert.Equal("first", source.Current.Reveal());

        var second = directory.Write("..2026_02/token", "second\n");
        File.SetLastWriteTimeUtc(second, DateTime.UtcNow.AddMinutes(1));
        File.Delete(Path.Combine(directory.Path, "..data"));
        File.CreateSymbolicLink(Path.Combine(directory.Path, "..data"), "..2026_02");

        Assert.Equal("second", source.Current.Reveal());
    }

    [Fact]
    public void Current_FileBroken_KeepsLastGoodValue()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("token", "good-token\n");
        var source = SecretSource.FromFile(path);

        File.WriteAllText(path, "\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("good-token", source.Current.Reveal());

        File.Delete(path);
        Assert.Equal("good-token", source.Current.Reveal());

        File.WriteAllText(path, "new-token\n");
        Assert.Equal("new-token", source.Current.Reveal());
    }

    [Fact]
    public void ApiToken_AfterRotation_FollowsTheFile()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("s1", "before\n");
        var environment = new Dictionary<string, string?> { [CollectorSecrets.IntakeKeyVariable] = ConfigYaml.IntakeKey };
        var result = CollectorConfigLoader.Parse(ConfigYaml.Minimal + "  apiTokenFile: s1\n", environment, directory.Path);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));

        File.WriteAllText(path, "after-rotation\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        Assert.Equal("after-rotation", result.Secrets.ApiToken.Reveal());
    }
}
