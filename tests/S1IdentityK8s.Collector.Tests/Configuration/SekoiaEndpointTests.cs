using S1IdentityK8s.Collector.Configuration;

namespace S1IdentityK8s.Collector.Tests.Configuration;

public class SekoiaEndpointTests
{
    public static TheoryData<string, string, SekoiaRegion, string> RegionCases => new()
    {
        { "FRA1", "FRA1", SekoiaRegion.Fra1, "https://intake.sekoia.io/" },
        { "FRA2", "FRA2", SekoiaRegion.Fra2, "https://intake.fra2.sekoia.io/api/v1/intake-http" },
        { "MCO1", "MCO1", SekoiaRegion.Mco1, "https://intake.mco1.sekoia.io/api/v1/intake-http" },
        { "UAE1", "UAE1", SekoiaRegion.Uae1, "https://intake.uae1.sekoia.io/api/v1/intake-http" },
        { "USA1", "USA1", SekoiaRegion.Usa1, "https://intake.usa1.sekoia.io/api/v1/intake-http" },
        { "SGP1", "SGP1", SekoiaRegion.Sgp1, "https://intake.sgp1.sekoia.io/" },
        { "lower case", "fra2", SekoiaRegion.Fra2, "https://intake.fra2.sekoia.io/api/v1/intake-http" },
        { "mixed case", "Usa1", SekoiaRegion.Usa1, "https://intake.usa1.sekoia.io/api/v1/intake-http" },
    };

    public static TheoryData<string, string, string> EndpointCases => new()
    {
        { "host only", "https://intake.example.test", "https://intake.example.test/" },
        { "trailing slash", "https://intake.example.test/", "https://intake.example.test/" },
        { "path with trailing slash", "https://intake.example.test/api/v1/intake-http/", "https://intake.example.test/api/v1/intake-http" },
        { "loopback emulator", "http://127.0.0.1:18081", "http://127.0.0.1:18081/" },
        { "localhost emulator with path", "http://localhost:18081/intake", "http://localhost:18081/intake" },
    };

    public static TheoryData<string, string, string> EndpointErrorCases => new()
    {
        { "batch suffix", "https://intake.sekoia.io/batch", "sekoia.endpoint: expected the intake base URL without /batch (the collector appends it), got 'https://intake.sekoia.io/batch'" },
        { "batch suffix with slash", "https://intake.sekoia.io/batch/", "expected the intake base URL without /batch" },
        { "no scheme", "intake.sekoia.io", "sekoia.endpoint: expected an absolute URL like https://intake.sekoia.io, got 'intake.sekoia.io'" },
        { "remote http", "http://intake.sekoia.io", "got 'http://intake.sekoia.io' (http:// is only allowed to a loopback host: 127.0.0.1, ::1 or localhost)" },
        { "doubled scheme", "https://https://intake.sekoia.io", "(the scheme appears twice)" },
        { "query", "https://intake.sekoia.io/?intake_key=x", "(a URL with a query or fragment)" },
    };

    [Theory]
    [MemberData(nameof(RegionCases))]
    public void Parse_Region_SelectsRegionalEndpoint(string name, string region, SekoiaRegion expectedRegion, string expectedUri)
    {
        var options = ConfigYaml.Valid(ConfigYaml.Minimal + $"sekoia:\n  region: {region}\n");

        Assert.Equal(expectedRegion, options.Sekoia.Region);
        Assert.Equal(expectedUri, options.Sekoia.EndpointUri.AbsoluteUri);
        Assert.False(options.Sekoia.EndpointOverridden, name);
    }

    [Fact]
    public void Parse_NoSekoiaSection_DefaultsToFra1()
    {
        var options = ConfigYaml.Valid(ConfigYaml.Minimal);

        Assert.Equal(SekoiaRegion.Fra1, options.Sekoia.Region);
        Assert.Equal("https://intake.sekoia.io/", options.Sekoia.EndpointUri.AbsoluteUri);
    }

    [Theory]
    [MemberData(nameof(EndpointCases))]
    public void Parse_Endpoint_OverridesRegion(string name, string endpoint, string expectedUri)
    {
        var options = ConfigYaml.Valid(ConfigYaml.Minimal + $"sekoia:\n  region: USA1\n  endpoint: {endpoint}\n");

        Assert.Equal(expectedUri, options.Sekoia.EndpointUri.AbsoluteUri);
        Assert.True(options.Sekoia.EndpointOverridden, name);
        Assert.False(options.Sekoia.EndpointUri.AbsolutePath.EndsWith("/batch", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EndpointErrorCases))]
    public void Parse_BadEndpoint_ReportsKey(string name, string endpoint, string expected)
    {
        var result = ConfigYaml.Parse(ConfigYaml.Minimal + $"sekoia:\n  endpoint: \"{endpoint}\"\n");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("sekoia.endpoint: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.False(result.IsValid, name);
    }

    [Fact]
    public void ForRegion_EveryRegion_HasAnHttpsEndpoint()
    {
        foreach (var region in Enum.GetValues<SekoiaRegion>())
        {
            Assert.Equal("https", SekoiaEndpoints.ForRegion(region).Scheme);
        }

        Assert.Equal(Enum.GetValues<SekoiaRegion>().Length, SekoiaEndpoints.Regions.Count);
    }
}
