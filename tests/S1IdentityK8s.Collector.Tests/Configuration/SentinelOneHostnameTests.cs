using S1IdentityK8s.Collector.Configuration;

namespace S1IdentityK8s.Collector.Tests.Configuration;

public class SentinelOneHostnameTests
{
    public static TheoryData<string, string, string> NormalisedCases => new()
    {
        { "host", "usea1-partners.sentinelone.net", "https://usea1-partners.sentinelone.net/" },
        { "host and port", "usea1-partners.sentinelone.net:8443", "https://usea1-partners.sentinelone.net:8443/" },
        { "https URL", "https://usea1-partners.sentinelone.net", "https://usea1-partners.sentinelone.net/" },
        { "https URL with slash", "https://usea1-partners.sentinelone.net/", "https://usea1-partners.sentinelone.net/" },
        { "https URL with port", "https://usea1-partners.sentinelone.net:8443/", "https://usea1-partners.sentinelone.net:8443/" },
        { "default port dropped", "https://usea1-partners.sentinelone.net:443", "https://usea1-partners.sentinelone.net/" },
        { "case and spaces", "  HTTPS://Usea1-Partners.SentinelOne.net/  ", "https://usea1-partners.sentinelone.net/" },
        { "host with slash", "usea1-partners.sentinelone.net/", "https://usea1-partners.sentinelone.net/" },
        { "loopback http", "http://127.0.0.1:8080", "http://127.0.0.1:8080/" },
        { "loopback range http", "http://127.0.0.2:8080/", "http://127.0.0.2:8080/" },
        { "localhost http", "http://localhost:9000/", "http://localhost:9000/" },
        { "IPv6 loopback http", "http://[::1]:9000", "http://[::1]:9000/" },
        { "IP and port", "127.0.0.1:8443", "https://127.0.0.1:8443/" },
    };

    public static TheoryData<string, string?, string> ErrorCases => new()
    {
        { "URL with path", "https://usea1-partners.sentinelone.net/web/api", "got a URL with path '/web/api'" },
        { "host with path", "usea1-partners.sentinelone.net/web/api/v2.1", "got a URL with path '/web/api/v2.1'" },
        { "http to a remote host", "http://example.com", "got 'http://example.com' (http:// is only allowed to a loopback host" },
        { "doubled scheme", "https://https://x", "got 'https://https://x' (the scheme appears twice)" },
        { "empty", "", "required: expected host[:port] or https://host[:port]" },
        { "blank", "   ", "required: expected host[:port] or https://host[:port]" },
        { "absent", null, "required: expected host[:port] or https://host[:port]" },
        { "other scheme", "ftp://usea1-partners.sentinelone.net", "(the scheme must be https)" },
        { "port zero", "usea1-partners.sentinelone.net:0", "(port 0; expected a port from 1 to 65535)" },
        { "port too large", "usea1-partners.sentinelone.net:99999", "got 'usea1-partners.sentinelone.net:99999' (not a valid URL)" },
        { "space inside", "usea1 partners.sentinelone.net", "(not a valid URL)" },
        { "query", "https://usea1-partners.sentinelone.net/?site=1", "(a URL with a query or fragment)" },
        { "user info", "https://admin:hunter2@usea1-partners.sentinelone.net", "got a URL with user info (not shown" },
    };

    [Theory]
    [MemberData(nameof(NormalisedCases))]
    public void TryNormalize_AcceptedForm_ReturnsBaseUri(string name, string hostname, string expected)
    {
        Assert.True(SentinelOneHostname.TryNormalize(hostname, out var baseUri, out var error), $"{name}: {error}");
        Assert.Equal(expected, baseUri.AbsoluteUri);
        Assert.DoesNotContain("https://https://", baseUri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void TryNormalize_RejectedForm_ExplainsWhy(string name, string? hostname, string expected)
    {
        Assert.False(SentinelOneHostname.TryNormalize(hostname, out var baseUri, out var error), name);
        Assert.Null(baseUri);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HostnameWithPath_ReportsKeyAndPath()
    {
        var result = ConfigYaml.Parse("sentinelOne:\n  hostname: https://usea1-partners.sentinelone.net/web/api\n");

        Assert.Equal(
            ["sentinelOne.hostname: expected host[:port] or https://host[:port], got a URL with path '/web/api'"],
            result.Errors);
    }

    [Fact]
    public void Parse_LoopbackEmulator_BuildsGraphQlUrlBelowBaseUri()
    {
        var options = ConfigYaml.Valid("sentinelOne:\n  hostname: http://127.0.0.1:18080\n");

        Assert.Equal(
            "http://127.0.0.1:18080/web/api/v2.1/unifiedalerts/graphql",
            new Uri(options.SentinelOne.BaseUri, "web/api/v2.1/unifiedalerts/graphql").AbsoluteUri);
    }
}
