using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// The delivery algorithm of design.md, one cycle at a time: for each pass (detectedAt, then updatedAt
/// when enabled) page through <c>[watermark − overlap, now − settleDelay)</c>, deliver each page, then mark
/// its versions delivered, move the watermark to the page's greatest timestamp and commit — in that
/// order, so nothing is ever marked delivered before the intake acknowledged it. Keys are also committed
/// per acknowledged chunk, which bounds what a crash re-sends to the chunk in flight.
/// </summary>
public sealed class LiveDelivery(
    AlertPager pager, PageDelivery delivery, ICheckpointStore store, CollectionStatus status,
    CollectionOptions settings, CollectorMetrics metrics, TimeProvider time, ILogger<LiveDelivery> logger)
{
    private Checkpoint _checkpoint = new();

    /// <summary>Loads the checkpoint, or starts one <c>initialLookback</c> back on a first start.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var loaded = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            var start = (time.GetUtcNow() - settings.InitialLookback).ToUnixTimeMilliseconds();
            _checkpoint = new Checkpoint { DetectedWatermarkMs = start, UpdatedWatermarkMs = start };
            logger.LogInformation("No checkpoint: first start, collecting from {Start:O}", DateTimeOffset.FromUnixTimeMilliseconds(start));
            await CommitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        _checkpoint = loaded;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        _checkpoint.DetectedWatermarkMs ??= now - (long)settings.InitialLookback.TotalMilliseconds;
        _checkpoint.UpdatedWatermarkMs ??= _checkpoint.DetectedWatermarkMs;
        logger.LogInformation(
            "Resuming from checkpoint: detectedAt watermark {Detected:O}, updatedAt watermark {Updated:O}, {Keys} dedup keys",
            DateTimeOffset.FromUnixTimeMilliseconds(_checkpoint.DetectedWatermarkMs.Value),
            DateTimeOffset.FromUnixTimeMilliseconds(_checkpoint.UpdatedWatermarkMs.Value), _checkpoint.Delivered.Count);
        status.Committed(_checkpoint);
    }

    /// <summary>
    /// Runs one cycle. <paramref name="stopRequested"/> is checked after each committed page: when it holds,
    /// the cycle ends there (returns false) with everything delivered so far committed.
    /// </summary>
    public async Task<bool> RunCycleAsync(Func<bool> stopRequested, CancellationToken cancellationToken)
    {
        if (!await RunPassAsync(AlertTimeField.DetectedAt, "detected", stopRequested, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        return !settings.CollectUpdates
            || await RunPassAsync(AlertTimeField.UpdatedAt, "updated", stopRequested, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> RunPassAsync(AlertTimeField field, string pass, Func<bool> stopRequested, CancellationToken cancellationToken)
    {
        var hi = (time.GetUtcNow() - settings.SettleDelay).ToUnixTimeMilliseconds();
        var watermark = _checkpoint.Watermark(field) ?? hi;
        if (hi <= watermark)
        {
            return true;
        }
        var lo = watermark - (long)settings.Overlap.TotalMilliseconds;
        await foreach (var page in pager.PagesAsync(field, lo, hi, cancellationToken).ConfigureAwait(false))
        {
            status.Fetched(page.Nodes.Count);
            // Read before delivery: delivering strips internal fields from the nodes it forwards.
            long? pageMax = page.Nodes.Count == 0 ? null : page.Nodes.Max(n => AlertFields.TimestampMs(n, field));
            await delivery.DeliverAsync(page, pass, _checkpoint.Delivered.Contains, RecordAsync, cancellationToken).ConfigureAwait(false);
            if (pageMax is { } max)
            {
                _checkpoint.Advance(field, Math.Min(max, hi));
            }
            await CommitAsync(cancellationToken).ConfigureAwait(false);
            if (page.HasNextPage && stopRequested())
            {
                logger.LogInformation("Stopping the {Pass} pass after a committed page", pass);
                return false;
            }
        }
        _checkpoint.Advance(field, hi);
        _checkpoint.Delivered.PruneBefore(PruneThreshold());
        await CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    // Per settled chunk: its keys join the dedup window and are committed; the watermark waits for the page.
    private async Task RecordAsync(PageResult chunk)
    {
        foreach (var (id, updatedAtMs) in chunk.Delivered)
        {
            _checkpoint.Delivered.Add(id, updatedAtMs);
        }
        _checkpoint.ForwardedTotal += chunk.Forwarded;
        _checkpoint.DeadLetteredTotal += chunk.DeadLettered;
        // An acknowledged chunk is recorded even while shutting down: the write is short and saves a re-send.
        await CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    // A version can only come back while its updatedAt is inside some pass's window.
    private long PruneThreshold()
    {
        var oldest = settings.CollectUpdates
            ? Math.Min(_checkpoint.DetectedWatermarkMs!.Value, _checkpoint.UpdatedWatermarkMs!.Value)
            : _checkpoint.DetectedWatermarkMs!.Value;
        return oldest - (long)settings.Overlap.TotalMilliseconds;
    }

    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        _checkpoint.CommittedAt = time.GetUtcNow();
        await store.SaveAsync(_checkpoint, cancellationToken).ConfigureAwait(false);
        metrics.CheckpointCommits.Inc();
        status.Committed(_checkpoint);
    }
}
