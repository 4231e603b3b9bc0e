using System.Text.Json.Nodes;

namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>
/// Fetches alert details, <c>detailBatchSize</c> aliased lookups per request, with at most
/// <c>detailConcurrency</c> requests in flight across every caller (live collection and backfills share
/// one instance). Each request still spends a token of the shared <see cref="RequestBudget"/> and waits
/// out any <c>Retry-After</c>: concurrency fills the budget's idle time between round trips, it never
/// raises the rate.
/// </summary>
public sealed class AlertDetailFetcher : IDisposable
{
    private readonly UamClient _client;
    private readonly SemaphoreSlim _inFlight;
    private readonly ILogger<AlertDetailFetcher> _logger;

    /// <summary>Creates the fetcher; both limits must be at least 1.</summary>
    public AlertDetailFetcher(UamClient client, int detailBatchSize, int detailConcurrency, ILogger<AlertDetailFetcher> logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(detailBatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(detailConcurrency);
        _client = client;
        _logger = logger;
        BatchSize = detailBatchSize;
        Concurrency = detailConcurrency;
        _inFlight = new SemaphoreSlim(detailConcurrency, detailConcurrency);
    }

    /// <summary>Alerts per detail request.</summary>
    public int BatchSize { get; }

    /// <summary>Detail requests in flight at most.</summary>
    public int Concurrency { get; }

    /// <summary>
    /// The details of <paramref name="ids"/> (at most <see cref="BatchSize"/>) in one request, in order; null
    /// where UAM returned none (the alert is then forwarded with its list fields only). Waits its turn
    /// behind earlier callers (first come, first served) when <see cref="Concurrency"/> requests are in flight.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject?>> FetchAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<JsonObject?> details;
        try
        {
            details = await _client.GetDetailsAsync(ids, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.Release();
        }
        for (var i = 0; i < ids.Count; i++)
        {
            if (details[i] is null)
            {
                _logger.LogWarning("No detail returned for alert {AlertId}; forwarding its list fields only", ids[i]);
            }
        }
        return details;
    }

    /// <inheritdoc />
    public void Dispose() => _inFlight.Dispose();
}
