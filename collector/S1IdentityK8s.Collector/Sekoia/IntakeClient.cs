using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.Serialization;

namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>
/// Posts one gzip-compressed <c>/batch</c> request. 429, 5xx and network errors never reach the caller: the
/// pipeline retries them with backoff until the intake answers (nothing may be dropped); what comes back is
/// a definite answer, classified as an <see cref="IntakeOutcome"/>.
/// </summary>
public sealed class IntakeClient(HttpClient http, IntakeClientSettings settings, SubsystemHealth health, CollectorMetrics metrics)
{
    private long _accepted;

    /// <summary>
    /// Requests the intake acknowledged so far. A 2xx after a 400 proves the key and endpoint work, so the
    /// 400 was about content: see <see cref="IntakeSink"/>.
    /// </summary>
    public long AcceptedRequests => Interlocked.Read(ref _accepted);

    /// <summary>Sends <paramref name="alerts"/> in one request and reports the intake's verdict.</summary>
    public async Task<(IntakeOutcome Outcome, string Message)> SendAsync(IReadOnlyList<OutgoingAlert> alerts, CancellationToken cancellationToken)
    {
        var key = settings.IntakeKey();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.BatchUri)
        {
            Content = Compress(Body(key, alerts)),
        };
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref _accepted);
            health.RecordSuccess();
            metrics.CredentialsValid.WithLabels("sekoia").Set(1);
            return (IntakeOutcome.Accepted, $"HTTP {status}");
        }
        var reason = await ReasonAsync(response, key, cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.RequestEntityTooLarge:
                return (IntakeOutcome.TooLarge, $"Sekoia refused the request as too large (HTTP 413{reason})");
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                var message = $"Sekoia refused the intake key (HTTP {status}{reason})";
                health.RecordFailure(SubsystemState.Failing, message, credentialsRejected: true);
                metrics.CredentialsValid.WithLabels("sekoia").Set(0);
                return (IntakeOutcome.KeyRejected, message);
            case HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity:
                // Undocumented for an invalid key too (external-apis.md): the sink decides what it was about, and
                // reports it (held: Failing; proven refused content: Degraded). Recording Degraded here would flip
                // a held key's Failing back on every re-send.
                return (IntakeOutcome.Rejected, $"Sekoia refused the batch (HTTP {status}{reason})");
            default:
                var unusable = $"Sekoia endpoint refused the request (HTTP {status}{reason}); check sekoia.endpoint/region";
                health.RecordFailure(SubsystemState.Failing, unusable);
                return (IntakeOutcome.EndpointRefused, unusable);
        }
    }

    /// <summary>The uncompressed request body: <c>{"intake_key": ..., "jsons": [...]}</c>, sized exactly.</summary>
    public static byte[] Body(string intakeKey, IReadOnlyList<OutgoingAlert> alerts)
    {
        var key = JsonText.Utf8(w => w.WriteStringValue(intakeKey));
        ReadOnlySpan<byte> head = "{\"intake_key\":"u8;
        ReadOnlySpan<byte> jsons = ",\"jsons\":["u8;
        ReadOnlySpan<byte> tail = "]}"u8;
        var length = head.Length + key.Length + jsons.Length + tail.Length + Math.Max(0, alerts.Count - 1);
        foreach (var alert in alerts)
        {
            length += alert.EncodedString.Length;
        }
        var body = new byte[length];
        var span = body.AsSpan();
        head.CopyTo(span);
        span = span[head.Length..];
        key.CopyTo(span);
        span = span[key.Length..];
        jsons.CopyTo(span);
        span = span[jsons.Length..];
        for (var i = 0; i < alerts.Count; i++)
        {
            if (i > 0)
            {
                span[0] = (byte)',';
                span = span[1..];
            }
            alerts[i].EncodedString.CopyTo(span);
            span = span[alerts[i].EncodedString.Length..];
        }
        tail.CopyTo(span);
        return body;
    }

    private static ByteArrayContent Compress(byte[] body)
    {
        using var compressed = new MemoryStream(body.Length / 4);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body);
        }
        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    /// <summary>Bytes the envelope adds around the events with the current key.</summary>
    public int EnvelopeBytes() => BatchChunker.EnvelopeBytes(Encoding.UTF8.GetByteCount(settings.IntakeKey()));

    // The intake's own words, bounded, with the key masked in case an error page echoes the request.
    private static async Task<string> ReasonAsync(HttpResponseMessage response, string key, CancellationToken cancellationToken)
    {
        var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
        if (key.Length > 0)
        {
            text = text.Replace(key, "***", StringComparison.Ordinal);
        }
        text = text.Length > 200 ? text[..200] : text;
        return text.Length == 0 ? "" : ": " + text;
    }
}
