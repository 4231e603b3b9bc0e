using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// The delivery algorithm of design.md, one cycle at a time: for each pass (detectedAt, then updatedAt
/// when enabled) run the <see cref="DeliveryPipeline"/> over <c>[watermark − overlap, now − settleDelay)</c>
/// and commit what it settles, in page order: each chunk's keys join the dedup window and are committed
/// (so a crash re-sends at most the chunks in flight), then each completed page moves the watermark to its
/// greatest timestamp and is committed. The pipeline hands over nothing out of order, so the watermark
/// never passes an alert the intake has not acknowledged, however its acknowledgements overtake each other.
/// </summary>
public sealed class LiveDelivery(
    DeliveryPipeline pipeline, ICheckpointStore store, CollectionStatus status,
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
    /// Runs one cycle. <paramref name="stopRequested"/> is asked before each page is listed: when it holds,
    /// the pages in flight are finished and committed and the cycle ends there (returns false).
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
        var request = new DeliveryRequest(field, lo, hi, pass, _checkpoint.Delivered.Contains, stopRequested);
        var windowDone = false;
        await foreach (var step in pipeline.RunAsync(request, cancellationToken).ConfigureAwait(false))
        {
            switch (step)
            {
                case ChunkSettled chunk:
                    await RecordAsync(chunk).ConfigureAwait(false);
                    break;
                case PageCompleted page:
                    status.Fetched(page.Listed);
                    if (page.MaxTimestampMs is { } max)
                    {
                        _checkpoint.Advance(field, Math.Min(max, hi));
                    }
                    await CommitAsync(cancellationToken).ConfigureAwait(false);
                    windowDone = !page.HasNextPage;
                    break;
            }
        }
        if (!windowDone)
        {
            logger.LogInformation("Stopped the {Pass} pass after the pages in flight were committed", pass);
            return false;
        }
        _checkpoint.Advance(field, hi);
        _checkpoint.Delivered.PruneBefore(PruneThreshold());
        await CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    // A settled chunk: its keys join the dedup window and are committed; the watermark waits for the page.
    private async Task RecordAsync(ChunkSettled chunk)
    {
        foreach (var (id, updatedAtMs) in chunk.Keys)
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
