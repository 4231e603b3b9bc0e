using S1IdentityK8s.Collector.Configuration;

namespace S1IdentityK8s.Collector.Tests.Configuration;

public class ExampleConfigTests
{
    [Fact]
    public void Load_ExampleFile_IsValid()
    {
        var path = Path.Combine(RepositoryRoot(), "collector", "S1IdentityK8s.Collector", "collector.example.yaml");
        var environment = ConfigYaml.SecretsEnvironment();
        environment[CollectorSecrets.AdminTokenVariable] = "admin-token";

        var result = CollectorConfigLoader.Load(path, environment);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(new Uri("https://usea1-partners.sentinelone.net/"), result.Options.SentinelOne.BaseUri);
        Assert.Equal("incident-42", Assert.Single(result.Options.Backfills).Name);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "S1IdentityK8s.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("no S1IdentityK8s.sln above " + AppContext.BaseDirectory);
    }
}
