using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Polly.Timeout;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.Serialization;
using S1IdentityK8s.Collector.Tls;

namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>
/// The UAM GraphQL client: one page of the Identity <c>alerts</c> list, or the details of many alerts in one
/// aliased document. Every failure is classified into a <see cref="UamException"/> and reflected in
/// <see cref="SubsystemHealth"/>; transient ones (including GraphQL errors at HTTP 200 and bodies cut short,
/// which an HTTP-level retry never sees) are retried per request by <paramref name="retry"/>, request and
/// read together, each attempt spending a token of the request budget.
/// </summary>
public sealed class UamClient(
    HttpClient http, UamClientSettings settings, SubsystemHealth health, CollectorMetrics metrics,
    UamRetryPolicy? retry = null, ILogger<UamClient>? logger = null)
{
    /// <summary>
    /// Largest answer read (the HttpClient's buffer limit): a list page or a detail batch is a few MiB at most,
    /// and the pod's memory is bounded; anything larger is refused rather than read.
    /// </summary>
    public const int MaxAnswerBytes = 32 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly UamRetryPolicy _retry = Watch(retry ?? UamRetryPolicy.None, metrics, logger);

    /// <summary>Fetches one page of list nodes.</summary>
    public Task<AlertPage> ListAsync(AlertQuery query, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(c => ListOnceAsync(query, c), cancellationToken);

    /// <summary>Fetches details for <paramref name="ids"/> in one request; a missing alert yields null.</summary>
    public Task<IReadOnlyList<JsonObject?>> GetDetailsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(c => GetDetailsOnceAsync(ids, c), cancellationToken);

    private static UamRetryPolicy Watch(UamRetryPolicy retry, CollectorMetrics metrics, ILogger? logger)
    {
        retry.Retrying += (failure, attempt, delay) =>
        {
            metrics.RequestRetries.WithLabels("sentinelone", failure.Kind.ToString().ToLowerInvariant()).Inc();
            logger?.LogWarning("SentinelOne request failed ({Kind}): {Error}; attempt {Attempt} of {MaxAttempts}, retrying in {Delay:0.###}s",
                failure.Kind, failure.Message, attempt, retry.MaxAttempts, delay.TotalSeconds);
        };
        return retry;
    }

    private async Task<AlertPage> ListOnceAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        var data = await PostAsync(UamDocuments.List(query), acceptPartialData: false, cancellationToken).ConfigureAwait(false);
        return UamPageReader.Read(data);
    }

    private async Task<IReadOnlyList<JsonObject?>> GetDetailsOnceAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var data = await PostAsync(UamDocuments.Details(ids), acceptPartialData: true, cancellationToken).ConfigureAwait(false);
        var details = new JsonObject?[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            if (data[UamDocuments.Alias(i)] is JsonObject detail)
            {
                detail.Parent?.AsObject().Remove(UamDocuments.Alias(i));
                details[i] = detail;
            }
        }
        return details;
    }

    private async Task<JsonObject> PostAsync(string document, bool acceptPartialData, CancellationToken cancellationToken)
    {
        try
        {
            var data = await SendAsync(document, acceptPartialData, cancellationToken).ConfigureAwait(false);
            health.RecordSuccess();
            metrics.CredentialsValid.WithLabels("sentinelone").Set(1);
            return data;
        }
        catch (UamException e)
        {
            var rejected = e.Kind == UamFailureKind.CredentialsRejected;
            // A refused certificate is a transport failure that retrying alone does not cure.
            var failing = rejected || e.Kind == UamFailureKind.QueryRejected || e.InnerException is ServerCertificateRejectedException;
            health.RecordFailure(failing ? SubsystemState.Failing : SubsystemState.Degraded, e.Message, rejected);
            if (rejected)
            {
                metrics.CredentialsValid.WithLabels("sentinelone").Set(0);
            }
            throw;
        }
    }

    // A successful answer must be UTF-8 JSON (RFC 8259): bytes that are not are named, not replaced, since
    // replacing them would alter alert content. Error pages are read leniently: their status decides.
    private static async Task<string> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new UamException(UamFailureKind.Unavailable, $"SentinelOne answered bytes that are not UTF-8 (at byte {e.Index} of {bytes.Length})");
        }
    }

    private async Task<JsonObject> SendAsync(string document, bool acceptPartialData, CancellationToken cancellationToken)
    {
        var body = JsonText.Utf8(w =>
        {
            w.WriteStartObject();
            w.WriteString("query", document);
            w.WriteEndObject();
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.GraphQlUri)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiToken());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await ReadTextAsync(response, cancellationToken).ConfigureAwait(false);
            try
            {
                return UamResponseReader.Read(response.StatusCode, text, acceptPartialData);
            }
            catch (UamException e) when (RequestBudgetHandler.RetryAfter(response.Headers.RetryAfter, TimeProvider.System.GetUtcNow()) is { } delay)
            {
                throw e.WithRetryAfter(delay);
            }
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw new UamException(UamFailureKind.Unavailable,
                $"SentinelOne answered more than {MaxAnswerBytes / (1024 * 1024)} MiB: far more than a page or a detail batch, not read");
        }
        catch (HttpRequestException e)
        {
            // The inner exception may name the host, never the token: keep only our own words (and exceptions).
            throw new UamException(UamFailureKind.Transport, $"SentinelOne unreachable: {NetworkErrorText.Describe(e)}",
                inner: NetworkErrorText.CertificateRejection(e));
        }
        catch (IOException e)
        {
            // A body cut short after the headers: the connection dropped mid-answer.
            throw new UamException(UamFailureKind.Transport, $"SentinelOne answer cut short: {e.GetType().Name}");
        }
        catch (TimeoutRejectedException)
        {
            throw new UamException(UamFailureKind.Transport, "SentinelOne request timed out");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UamException(UamFailureKind.Transport, "SentinelOne request timed out");
        }
    }
}
