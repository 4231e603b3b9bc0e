using System.IO.Compression;
using System.Text.Json.Nodes;

namespace S1IdentityK8s.Collector.Tests.Delivery;

/// <summary>
/// Sits innermost in one of the collector's HTTP pipelines (after the request budget or the intake's
/// hold-off) and records each request in a shared <see cref="RoundTripLog"/> as it goes out and comes back.
/// </summary>
public sealed class RoundTripProbe(RoundTripLog log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (kind, ids) = await ClassifyAsync(request, cancellationToken);
        var (number, fabricated) = log.Sent(kind, ids, request);
        var status = 0;
        try
        {
            if (fabricated is not null)
            {
                // Answered while other detail requests are out, as a server throttling a burst would.
                await log.Company.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
            var response = fabricated ?? await base.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            return response;
        }
        finally
        {
            log.Answered(number, status);
        }
    }

    private static async Task<(RoundTripKind, IReadOnlyList<string>)> ClassifyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var wire = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        if (request.Content.Headers.ContentEncoding.Contains("gzip"))
        {
            await using var gzip = new GZipStream(new MemoryStream(wire), CompressionMode.Decompress);
            var body = (await JsonNode.ParseAsync(gzip, cancellationToken: cancellationToken))!;
            var ids = body["jsons"]!.AsArray().Select(j => JsonNode.Parse(j!.GetValue<string>())!["id"]!.GetValue<string>()).ToList();
            return (RoundTripKind.Push, ids);
        }
        var query = JsonNode.Parse(wire)!["query"]!.GetValue<string>();
        return (query.Contains("alerts(", StringComparison.Ordinal) ? RoundTripKind.List : RoundTripKind.Detail, []);
    }
}
