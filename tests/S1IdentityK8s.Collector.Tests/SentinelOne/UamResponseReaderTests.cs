using System.Net;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Tests.SentinelOne;

public class UamResponseReaderTests
{
    public static TheoryData<string, int, string, UamFailureKind> Failures => new()
    {
        { "401 REST envelope", 401, """{"errors":[{"code":4010010,"detail":"Authentication failed.","title":"Authentication Failed"}],"data":null}""", UamFailureKind.CredentialsRejected },
        { "403 REST envelope", 403, """{"errors":[{"code":4030010,"detail":"You do not have permission to perform this action.","title":"Forbidden"}],"data":null}""", UamFailureKind.CredentialsRejected },
        { "401 GraphQL envelope", 401, """{"data":null,"errors":[{"message":"Unauthorized","extensions":{"code":"UNAUTHENTICATED"}}]}""", UamFailureKind.CredentialsRejected },
        { "200 with FORBIDDEN", 200, """{"data":null,"errors":[{"message":"no","extensions":{"code":"FORBIDDEN"}}]}""", UamFailureKind.CredentialsRejected },
        { "200 with internal error", 200, """{"data":null,"errors":[{"message":"boom","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}""", UamFailureKind.Unavailable },
        { "200 with validation error", 200, """{"data":null,"errors":[{"message":"Cannot query field","extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}""", UamFailureKind.QueryRejected },
        { "200 not JSON", 200, "<html>gateway</html>", UamFailureKind.Unavailable },
        { "429", 429, "", UamFailureKind.Throttled },
        { "503", 503, "", UamFailureKind.Unavailable },
        { "500", 500, "{}", UamFailureKind.Unavailable },
        { "400", 400, """{"errors":[{"message":"bad"}]}""", UamFailureKind.QueryRejected },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Read_ErrorResponse_IsClassified(string name, int status, string body, UamFailureKind expected)
    {
        var e = Assert.Throws<UamException>(() => UamResponseReader.Read((HttpStatusCode)status, body));

        Assert.True(expected == e.Kind, $"{name}: expected {expected}, got {e.Kind} ({e.Message})");
    }

    [Fact]
    public void Read_Credentials_MessageQuotesServerReason()
    {
        var e = Assert.Throws<UamException>(() => UamResponseReader.Read(HttpStatusCode.Unauthorized,
            """{"errors":[{"code":4010010,"detail":"Authentication failed.","title":"Authentication Failed"}],"data":null}"""));

        Assert.Contains("HTTP 401", e.Message, StringComparison.Ordinal);
        Assert.Contains("Authentication failed.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PartialDetailData_AcceptedWhenAllowed()
    {
        const string body = """{"data":{"a0":{"rawData":{}},"a1":null},"errors":[{"message":"not found","extensions":{"code":"NOT_FOUND"}}]}""";

        var data = UamResponseReader.Read(HttpStatusCode.OK, body, acceptPartialData: true);

        Assert.NotNull(data["a0"]);
        Assert.Null(data["a1"]);
        Assert.Throws<UamException>(() => UamResponseReader.Read(HttpStatusCode.OK, body));
    }

    [Fact]
    public void Read_Success_ReturnsData()
    {
        var data = UamResponseReader.Read(HttpStatusCode.OK, """{"data":{"alerts":{"edges":[]}}}""");

        Assert.NotNull(data["alerts"]);
    }
}
