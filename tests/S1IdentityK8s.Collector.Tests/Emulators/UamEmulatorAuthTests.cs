using System.Net;
using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Emulators;

namespace S1IdentityK8s.Collector.Tests.Emulators;

public sealed class UamEmulatorAuthTests
{
    private const string Query = "{ alerts(first: 1) { totalCount } }";

    [Theory]
    [InlineData(UamUnauthorizedShape.RestEnvelope,
        """{"errors":[{"code":4010010,"detail":"Authentication failed.","title":"Authentication Failed"}],"data":null}""")]
    [InlineData(UamUnauthorizedShape.GraphQLEnvelope,
        """{"data":null,"errors":[{"message":"Unauthorized","extensions":{"code":"UNAUTHENTICATED"}}]}""")]
    public async Task Request_WrongToken_Returns401InConfiguredShape(UamUnauthorizedShape shape, string expectedBody)
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.UnauthorizedShape = shape;
        using var client = new UamTestClient(uam);

        var (status, body, _) = await client.PostAsync(Query, token: "stolen");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedBody), body), body?.ToJsonString());
        var record = uam.Requests.Single();
        Assert.False(record.AuthorizationOk);
        Assert.Equal(UamRequestKind.List, record.Kind);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("ApiToken")]
    public async Task Request_AcceptedScheme_IsAuthorized(string scheme)
    {
        await using var uam = await UamEmulator.StartAsync();
        using var client = new UamTestClient(uam);

        var (status, _, _) = await client.PostAsync(Query, scheme: scheme);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(uam.Requests.Single().AuthorizationOk);
    }

    [Fact]
    public async Task Request_NoAuthorizationHeader_Returns401()
    {
        await using var uam = await UamEmulator.StartAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(uam.GraphQLUri,
            new StringContent("""{"query":"{ alerts { totalCount } }"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_RevokedThenRestored_RejectsThenAccepts()
    {
        await using var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = "t1" });
        using var client = new UamTestClient(uam);

        uam.Token = null;
        var revoked = await client.PostAsync(Query, token: "t1");
        uam.Token = "t2";
        var rotatedOld = await client.PostAsync(Query, token: "t1");
        var rotatedNew = await client.PostAsync(Query, token: "t2");

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK],
            [revoked.Status, rotatedOld.Status, rotatedNew.Status]);
    }

    [Fact]
    public async Task DenyPermission_ValidToken_Returns403RestEnvelope()
    {
        await using var uam = await UamEmulator.StartAsync();
        uam.DenyPermission = true;
        using var client = new UamTestClient(uam);

        var (status, body, _) = await client.PostAsync(Query);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(4030010, body!["errors"]![0]!["code"]!.GetValue<int>());
        Assert.Null(body["data"]);
        Assert.True(uam.Requests.Single().AuthorizationOk);
    }
}
