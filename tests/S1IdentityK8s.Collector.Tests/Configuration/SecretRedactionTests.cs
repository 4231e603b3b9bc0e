using S1IdentityK8s.Collector.Configuration;

namespace S1IdentityK8s.Collector.Tests.Configuration;

public class SecretRedactionTests
{
    private const string Secret = "Zx9SecretToken4Redaction7Qw3";

    /// <summary>Name, document (with <c>{dir}</c> for the temp directory), file to write with content, and environment values.</summary>
    public static TheoryData<string, string, string?, string?> LeakCases => new()
    {
        { "token with a space inside", ConfigYaml.Minimal + "  apiTokenFile: s1\n", $"{Secret} {Secret}\n", null },
        { "token with a newline inside", ConfigYaml.Minimal + "  apiTokenFile: s1\n", $"{Secret}\n{Secret}\n", null },
        { "token pasted as the path", ConfigYaml.Minimal + $"  apiTokenFile: {Secret}\n", null, null },
        { "token pasted as an unknown key", ConfigYaml.Minimal + $"  apiToken: {Secret}\n", null, null },
        { "token in endpoint user info", ConfigYaml.Minimal + $"sekoia:\n  endpoint: https://{Secret}@intake.sekoia.io\n", null, null },
        { "token in hostname user info", $"sentinelOne:\n  hostname: https://user:{Secret}@usea1.sentinelone.net\n", null, null },
        { "env token with a control character", ConfigYaml.Minimal, null, $"{Secret}\u0007" },
        { "env token echoed as a hostname", $"sentinelOne:\n  hostname: https://usea1.sentinelone.net/{Secret}\n", null, Secret },
        { "env token echoed as a page size", ConfigYaml.Minimal + $"  pageSize: {Secret}\n", null, Secret },
        { "env token echoed as a region", ConfigYaml.Minimal + $"sekoia:\n  region: {Secret}\n", null, Secret },
    };

    [Theory]
    [MemberData(nameof(LeakCases))]
    public void Parse_ErrorAroundASecret_NeverShowsTheSecret(string name, string yaml, string? fileContent, string? environmentToken)
    {
        using var directory = new TempDirectory();
        if (fileContent is not null)
        {
            directory.Write("s1", fileContent);
        }

        var environment = new Dictionary<string, string?> { [CollectorSecrets.IntakeKeyVariable] = ConfigYaml.IntakeKey };
        if (environmentToken is not null)
        {
            environment[CollectorSecrets.ApiTokenVariable] = environmentToken;
        }

        var result = CollectorConfigLoader.Parse(yaml, environment, directory.Path);

        Assert.False(result.IsValid, name);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, error => Assert.DoesNotContain(Secret, error, StringComparison.Ordinal));
        Assert.All(result.Errors, error => Assert.DoesNotContain(Secret[..12], error, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_TokenPastedAsPath_SaysWhyThePathIsHidden()
    {
        var environment = new Dictionary<string, string?> { [CollectorSecrets.IntakeKeyVariable] = ConfigYaml.IntakeKey };

        var result = CollectorConfigLoader.Parse(ConfigYaml.Minimal + $"  apiTokenFile: {Secret}\n", environment, "/config");

        Assert.Equal(
            ["sentinelOne.apiTokenFile: file not found (path not shown: it looks like a token rather than a file path)"],
            result.Errors);
    }

    [Fact]
    public void ToString_EverySecretHolder_HidesTheValue()
    {
        var environment = new Dictionary<string, string?>
        {
            [CollectorSecrets.ApiTokenVariable] = Secret,
            [CollectorSecrets.IntakeKeyVariable] = Secret,
            [CollectorSecrets.AdminTokenVariable] = Secret,
        };
        var result = CollectorConfigLoader.Parse(ConfigYaml.Minimal, environment, null);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var secrets = result.Secrets;

        string[] rendered =
        [
            secrets.ToString(),
            secrets.ApiToken.ToString(),
            $"{secrets.IntakeKey}",
            $"token={secrets.AdminToken}",
            secrets.ApiTokenSource.ToString(),
            string.Join(",", new object[] { secrets.ApiToken, secrets.IntakeKeySource }),
        ];

        Assert.All(rendered, text => Assert.DoesNotContain(Secret, text, StringComparison.Ordinal));
        Assert.Equal("***", secrets.ApiToken.ToString());
        Assert.Equal("token=***", $"token={secrets.AdminToken}");
        Assert.Equal(Secret, secrets.ApiToken.Reveal());
    }

    [Fact]
    public void FromFile_InvalidContent_ExceptionNamesFileOnly()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("s1", $"{Secret} trailing-part\n");

        var error = Assert.Throws<InvalidDataException>(() => SecretSource.FromFile(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SecretValue_Equality_IsReferenceEquality()
    {
        var first = new SecretValue(Secret);
        var second = new SecretValue(Secret);

        Assert.NotEqual(first, second);
        Assert.Equal(first, first);
    }
}
