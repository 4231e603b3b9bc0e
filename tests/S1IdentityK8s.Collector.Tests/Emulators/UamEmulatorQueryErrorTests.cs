using System.Net;
using S1IdentityK8s.TestSupport.Emulators;
using static S1IdentityK8s.Collector.Tests.Emulators.UamTestAlerts;

namespace S1IdentityK8s.Collector.Tests.Emulators;

public sealed class UamEmulatorQueryErrorTests
{
    private const string Edges = "{ edges { node { id } } }";

    public static TheoryData<string, string, string> InvalidDocuments => new()
    {
        { "syntax error", "{ alerts(first: 10 { edges { node { id } } } }", "GRAPHQL_PARSE_FAILED" },
        { "unknown root field", "{ threats " + Edges + " }", "GRAPHQL_VALIDATION_FAILED" },
        { "unknown connection field", "{ alerts(first: 1) { nodes { id } } }", "GRAPHQL_VALIDATION_FAILED" },
        { "connection without selection", "{ alerts(first: 1) }", "GRAPHQL_VALIDATION_FAILED" },
        { "undefined variable", "{ alerts(first: $n) " + Edges + " }", "GRAPHQL_VALIDATION_FAILED" },
        { "unknown argument", "{ alerts(last: 10) " + Edges + " }", "GRAPHQL_VALIDATION_FAILED" },
        { "mutation", "mutation { alerts(first: 1) " + Edges + " }", "GRAPHQL_VALIDATION_FAILED" },
        { "first above the maximum", "{ alerts(first: 5000) " + Edges + " }", "BAD_USER_INPUT" },
        { "first zero", "{ alerts(first: 0) " + Edges + " }", "BAD_USER_INPUT" },
        {
            "ISO string instead of epoch ms",
            "{ alerts(filters: [{fieldId: \"detectedAt\", dateTimeRange: {start: \"2024-11-22T00:00:00Z\"}}]) " + Edges + " }",
            "BAD_USER_INPUT"
        },
        { "unknown fieldId", "{ alerts(filters: [{fieldId: \"detectionproduct\", stringEqual: {value: \"Identity\"}}]) " + Edges + " }", "BAD_USER_INPUT" },
        { "range on a string field", "{ alerts(filters: [{fieldId: \"status\", dateTimeRange: {start: 1}}]) " + Edges + " }", "BAD_USER_INPUT" },
        { "sort by a string field", "{ alerts(sort: {by: \"severity\", order: ASC}) " + Edges + " }", "BAD_USER_INPUT" },
        { "garbage cursor", "{ alerts(first: 1, after: \"not-a-cursor\") " + Edges + " }", "BAD_USER_INPUT" },
        { "detail without id", "{ alert { id } }", "BAD_USER_INPUT" },
    };

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public async Task Query_InvalidDocument_ReturnsGraphQLErrorWithHttp200(string name, string query, string code)
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.AddAlert(Make("a", 1));
        using var client = new UamTestClient(uam);

        Assert.True(code == await client.ErrorCodeAsync(query), name);
        Assert.Equal(code, uam.Requests.Single().ErrorCode);
    }

    [Fact]
    public async Task Query_FirstAboveMaximumWithClamping_ReturnsMaximum()
    {
        await using var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { MaxPageSize = 3, ClampPageSize = true });
        uam.AddAlerts(Enumerable.Range(0, 5).Select(i => Make($"a{i}", i)));
        using var client = new UamTestClient(uam);

        var data = await client.DataAsync("{ alerts(first: 10) " + Edges + " }");

        Assert.Equal(3, data["alerts"]!["edges"]!.AsArray().Count);
    }

    [Fact]
    public async Task Query_BodyNotJson_Returns400()
    {
        await using var uam = await UamEmulator.StartAsync();
        using var http = new HttpClient();
        using var content = new StringContent("query { alerts }", System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, uam.GraphQLUri) { Content = content };
        request.Headers.Authorization = new("Bearer", uam.Token);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(UamRequestKind.Invalid, uam.Requests.Single().Kind);
    }

    [Fact]
    public async Task Query_WrongPath_Returns404()
    {
        await using var uam = await UamEmulator.StartAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(uam.BaseAddress, "/web/api/v2.1/graphql"), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
