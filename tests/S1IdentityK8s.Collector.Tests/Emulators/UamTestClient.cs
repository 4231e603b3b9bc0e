using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Emulators;

namespace S1IdentityK8s.Collector.Tests.Emulators;

/// <summary>A bare HttpClient speaking to a <see cref="UamEmulator"/> over loopback, the way any client would.</summary>
internal sealed class UamTestClient(UamEmulator emulator) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public const string NodeFields =
        "id name detectedAt updatedAt detectionSource { product } severity";

    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(string query,
        JsonObject? variables = null, string scheme = "Bearer", string? token = null)
    {
        var envelope = new JsonObject { ["query"] = query };
        if (variables is not null)
        {
            envelope["variables"] = variables;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.GraphQLUri)
        {
            Content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token ?? emulator.Token ?? "none");
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null;
        return (response.StatusCode, body, response);
    }

    /// <summary>Posts and asserts HTTP 200 without GraphQL errors; returns <c>data</c>.</summary>
    public async Task<JsonObject> DataAsync(string query, JsonObject? variables = null)
    {
        var (status, body, _) = await PostAsync(query, variables);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body!["errors"]);
        return body["data"]!.AsObject();
    }

    /// <summary>Posts and asserts HTTP 200 with one GraphQL error; returns its <c>extensions.code</c>.</summary>
    public async Task<string> ErrorCodeAsync(string query, JsonObject? variables = null)
    {
        var (status, body, _) = await PostAsync(query, variables);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body!["data"]);
        return body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();
    }

    /// <summary>The list document for Identity alerts detected in [from, to), ascending, one page.</summary>
    public static string ListQuery(long fromMs, long toMs, int first, string? after = null, string field = "detectedAt",
        string order = "ASC") =>
        "query { alerts(filters: [{fieldId: \"detectionProduct\", stringEqual: {value: \"Identity\"}}, " +
        $"{{fieldId: \"{field}\", dateTimeRange: {{start: {fromMs}, startInclusive: true, end: {toMs}, endInclusive: false}}}}], " +
        $"sort: {{by: \"{field}\", order: {order}}}, first: {first}" + (after is null ? "" : $", after: \"{after}\"") +
        $") {{ totalCount pageInfo {{ endCursor hasNextPage }} edges {{ cursor node {{ {NodeFields} }} }} }} }}";

    public void Dispose() => _http.Dispose();
}
