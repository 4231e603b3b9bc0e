using System.Buffers;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace S1IdentityK8s.Benchmarks.Patterns;

/// <summary>
/// The ceiling of the throughput benchmark: the collector's requests with none of its work. Per page of
/// <see cref="PageSize"/>: the collector's <c>alerts</c> document (<see cref="RelayDocuments"/>) (same window, sort, page size), then
/// its aliased <c>alert(id)</c> documents in batches of <see cref="DetailBatchSize"/>, then one gzip
/// <c>/batch</c> push of the page, all in series, under the same kind of request budget. It does not parse
/// into objects (a token scan finds the cursor, the ids and each node's bytes), does not merge (each event
/// is the node's bytes spliced with its detail's), does not deduplicate, retry or checkpoint.
/// </summary>
public sealed class MinimalRelay(HttpClient http, PatternSettings settings)
{
    /// <summary>Alerts per list page: the collector's default.</summary>
    public const int PageSize = 500;

    /// <summary>Alert details per request: the collector's default.</summary>
    public const int DetailBatchSize = 50;

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly RequestRateLimiter _budget = new(settings.RequestsPerSecond);

    /// <summary>Relays every alert of the window; returns how many were pushed.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        long pushed = 0;
        string? after = null;
        while (true)
        {
            var list = await QueryAsync(RelayDocuments.List(settings.FromMs, settings.ToMs, PageSize, after), cancellationToken);
            var page = ListScan.Read(list);
            var events = new List<byte[]>(page.Nodes.Count);
            for (var start = 0; start < page.Nodes.Count; start += DetailBatchSize)
            {
                var batch = page.Nodes.Skip(start).Take(DetailBatchSize).ToList();
                var details = DetailScan.Read(await QueryAsync(RelayDocuments.Details([.. batch.Select(n => n.Id)]), cancellationToken), batch.Count);
                events.AddRange(batch.Select((node, i) => Splice(list, node.Range, details.Body, details.Ranges[i])));
            }
            if (events.Count > 0)
            {
                await PushAsync(events, cancellationToken);
                pushed += events.Count;
            }
            if (!page.HasNextPage)
            {
                return pushed;
            }
            after = page.EndCursor;
        }
    }

    // {node fields..., detail fields...}: the node's bytes without '}', a comma, the detail's without '{'.
    private static byte[] Splice(byte[] list, Range node, byte[] detailBody, Range? detail)
    {
        var nodeBytes = list.AsSpan(node);
        if (detail is not { } d || detailBody.AsSpan(d).Length <= 2)
        {
            return nodeBytes.ToArray();
        }
        var detailBytes = detailBody.AsSpan(d);
        var result = new byte[nodeBytes.Length + detailBytes.Length - 1];
        nodeBytes[..^1].CopyTo(result);
        result[nodeBytes.Length - 1] = (byte)',';
        detailBytes[1..].CopyTo(result.AsSpan(nodeBytes.Length));
        return result;
    }

    private async Task<byte[]> QueryAsync(string document, CancellationToken cancellationToken)
    {
        await _budget.WaitAsync(cancellationToken);
        var body = new ArrayBufferWriter<byte>(document.Length + 32);
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("query", document);
            writer.WriteEndObject();
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.Uam, "web/api/v2.1/unifiedalerts/graphql"))
        {
            Content = new ByteArrayContent(body.WrittenSpan.ToArray()) { Headers = { ContentType = Json } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiToken);
        using var response = await http.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? bytes
            : throw new InvalidOperationException($"UAM answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
    }

    private async Task PushAsync(List<byte[]> events, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(events.Sum(e => e.Length + 16) + 64);
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("intake_key", settings.IntakeKey);
            writer.WriteStartArray("jsons");
            foreach (var e in events)
            {
                writer.WriteStringValue(e);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body.WrittenSpan);
        }
        using var content = new ByteArrayContent(compressed.GetBuffer(), 0, (int)compressed.Length) { Headers = { ContentType = Json } };
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await http.PostAsync(new Uri(settings.Intake, "batch"), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"intake answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
