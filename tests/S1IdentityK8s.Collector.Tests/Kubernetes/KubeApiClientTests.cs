using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using S1IdentityK8s.Collector.Kubernetes;

namespace S1IdentityK8s.Collector.Tests.Kubernetes;

/// <summary>The client against a scripted handler: headers, paths, error answers, token rotation.</summary>
public sealed class KubeApiClientTests : IDisposable
{
    private readonly string _tokenPath = Path.GetTempFileName();

    public void Dispose() => File.Delete(_tokenPath);

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "NotFound")]
    [InlineData(HttpStatusCode.Conflict, "Conflict")]
    [InlineData(HttpStatusCode.UnprocessableEntity, "Invalid")]
    public async Task ErrorAnswer_ThrowsWithStatusReasonAndMessage_NeverTheToken(HttpStatusCode status, string reason)
    {
        var handler = new ScriptedHandler((_, _) => Status(status, reason, "the apiserver's words"));
        using var client = new KubeApiClient(handler, new Uri("https://kube.example:6443"), BearerToken.Fixed("very-secret-token"));

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.ReadLeaseAsync("ns", "writer", CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(reason, error.Reason);
        Assert.Contains("read Lease ns/writer", error.Message, StringComparison.Ordinal);
        Assert.Contains("the apiserver's words", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-token", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_UseTheServerPathPrefixAndSendTheToken()
    {
        var handler = new ScriptedHandler((_, _) => Json("""{"metadata":{"name":"cm","resourceVersion":"7"},"data":{"k":"v"}}"""));
        using var client = new KubeApiClient(handler, new Uri("https://kube.example/prefix"), BearerToken.Fixed("t0k"));

        var map = await client.ReadConfigMapAsync("ns", "cm", CancellationToken.None);
        await client.PatchConfigMapAsync("ns", "cm", Encoding.UTF8.GetBytes("{}"), CancellationToken.None);

        Assert.Equal("7", map.Metadata.ResourceVersion);
        Assert.Equal("v", map.Data!["k"]);
        Assert.Equal("https://kube.example/prefix/api/v1/namespaces/ns/configmaps/cm", handler.Requests[0].Uri);
        Assert.Equal("Bearer t0k", handler.Requests[0].Authorization);
        Assert.Equal("PATCH", handler.Requests[1].Method);
        Assert.Equal("application/merge-patch+json", handler.Requests[1].ContentType);
    }

    [Fact]
    public async Task TokenFileRotated_RefusedOnce_NextRequestSendsTheNewToken()
    {
        File.WriteAllText(_tokenPath, "old-token");
        var token = BearerToken.FromFile(_tokenPath, new FakeTimeProvider());
        _ = token.Current();
        var handler = new ScriptedHandler((request, _) => request.Headers.Authorization?.Parameter == "new-token"
            ? Json("""{"metadata":{"name":"writer"},"spec":{"holderIdentity":"a"}}""")
            : Status(HttpStatusCode.Unauthorized, "Unauthorized", "Unauthorized"));
        using var client = new KubeApiClient(handler, new Uri("https://kube.example"), token);
        // Rotated within the minute the token read last is trusted: the old one is sent, and refused.
        File.WriteAllText(_tokenPath, "new-token");
        var refused = await Assert.ThrowsAsync<KubeApiException>(() => client.ReadLeaseAsync("ns", "writer", CancellationToken.None));

        var lease = await client.ReadLeaseAsync("ns", "writer", CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain("old-token", refused.ToString(), StringComparison.Ordinal);
        Assert.Equal("a", lease.Spec!.HolderIdentity);
        Assert.Equal(["Bearer old-token", "Bearer new-token"], handler.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task ReplaceLease_KeepsFieldsItDoesNotModel_DropsManagedFields()
    {
        var handler = new ScriptedHandler((_, _) => Json("""{"metadata":{"name":"w"}}"""));
        using var client = new KubeApiClient(handler, new Uri("https://kube.example"), null);
        var lease = System.Text.Json.JsonSerializer.Deserialize(
            """{"metadata":{"name":"w","resourceVersion":"3","annotations":{"a":"b"},"managedFields":[{"manager":"x"}]},"spec":{"holderIdentity":"h","strategy":"Oldest"}}""",
            KubeJsonContext.Default.LeaseObject)!;

        await client.ReplaceLeaseAsync("ns", "w", lease.WithoutManagedFields(), CancellationToken.None);

        var body = handler.Requests[0].Body!;
        Assert.Contains("\"annotations\":{\"a\":\"b\"}", body, StringComparison.Ordinal);
        Assert.Contains("\"strategy\":\"Oldest\"", body, StringComparison.Ordinal);
        Assert.Contains("\"resourceVersion\":\"3\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("managedFields", body, StringComparison.Ordinal);
        Assert.Null(handler.Requests[0].Authorization);
    }

    [Fact]
    public void MicroTime_HasSixFractionalDigits()
    {
        Assert.Equal("2026-12-02T13:04:05.123456Z", MicroTime.Format(new DateTime(2026, 12, 2, 13, 4, 5, DateTimeKind.Utc).AddTicks(1_234_567)));
    }

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Status(HttpStatusCode code, string reason, string message) =>
        new(code)
        {
            Content = new StringContent(
                $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"{{message}}","reason":"{{reason}}","code":{{(int)code}}}""",
                Encoding.UTF8, "application/json"),
        };

    private sealed record SeenRequest(string Method, string Uri, string? Authorization, string? ContentType, string? Body);

    private sealed class ScriptedHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<SeenRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new SeenRequest(request.Method.Method, request.RequestUri!.AbsoluteUri, request.Headers.Authorization?.ToString(),
                request.Content?.Headers.ContentType?.MediaType, body));
            return answer(request, Requests.Count);
        }
    }
}
