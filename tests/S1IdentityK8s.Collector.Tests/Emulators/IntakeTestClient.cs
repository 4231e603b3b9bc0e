using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Emulators;

namespace S1IdentityK8s.Collector.Tests.Emulators;

/// <summary>Posts batches to a <see cref="SekoiaIntakeEmulator"/> over loopback the way Sekoia's SDK does.</summary>
internal sealed class IntakeTestClient(SekoiaIntakeEmulator intake) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The standard body: each event serialised to a string inside <c>jsons</c>.</summary>
    public static JsonObject Batch(string intakeKey, IEnumerable<JsonNode> events) => new()
    {
        ["intake_key"] = intakeKey,
        ["jsons"] = new JsonArray(events.Select(e => (JsonNode)JsonValue.Create(e.ToJsonString())!).ToArray()),
    };

    public Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(IEnumerable<JsonNode> events,
        bool gzip = false, string? path = null) =>
        PostBytesAsync(Encoding.UTF8.GetBytes(Batch(intake.IntakeKey, events).ToJsonString()), gzip, path);

    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PostBytesAsync(byte[] body,
        bool gzip = false, string? path = null, string contentType = "application/json")
    {
        var payload = gzip ? Compress(body) : body;
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }
        var uri = path is null ? intake.BatchUri : new Uri(intake.BaseAddress, path);
        var response = await _http.PostAsync(uri, content);
        var text = await response.Content.ReadAsStringAsync();
        var json = response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null;
        return (response.StatusCode, json, response);
    }

    public static byte[] Compress(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }
        return output.ToArray();
    }

    public void Dispose() => _http.Dispose();
}
