using S1IdentityK8s.Collector.Configuration;

namespace S1IdentityK8s.Collector.Tests.Configuration;

/// <summary>Smallest valid documents and environments for loader tests.</summary>
public static class ConfigYaml
{
    public const string Hostname = "usea1-partners.sentinelone.net";

    public const string ApiToken = "test-api-token-1";

    public const string IntakeKey = "test-intake-key-1";

    /// <summary>The only required key; secrets come from <see cref="SecretsEnvironment"/>.</summary>
    public const string Minimal = $"sentinelOne:\n  hostname: {Hostname}\n";

    /// <summary>Both required secrets from the environment.</summary>
    public static Dictionary<string, string?> SecretsEnvironment() => new()
    {
        [CollectorSecrets.ApiTokenVariable] = ApiToken,
        [CollectorSecrets.IntakeKeyVariable] = IntakeKey,
    };

    public static Dictionary<string, string?> NoEnvironment() => [];

    /// <summary>Parses <paramref name="yaml"/> with secrets from the environment, relative to <c>/config</c>.</summary>
    public static ConfigLoadResult Parse(string yaml) => CollectorConfigLoader.Parse(yaml, SecretsEnvironment(), "/config");

    /// <summary>The options of a document that must be valid; fails the test with its errors otherwise.</summary>
    public static CollectorOptions Valid(string yaml)
    {
        var result = Parse(yaml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Options;
    }
}
