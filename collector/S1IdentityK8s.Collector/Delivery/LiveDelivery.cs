using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// The delivery algorithm of docs/delivery.md, one cycle at a time: for each pass (detectedAt, then updatedAt
/// when enabled) run the <see cref="DeliveryPipeline"/> over <c>[watermark − overlap, now − settleDelay)</c>
/// and commit what it settles, in page order: each chunk joins the dedup window and is committed (so a
/// crash re-sends at most the chunks in flight), then each completed page moves the watermark to its
/// greatest timestamp, prunes the window and is committed. The window is a <see cref="ListedSpans"/> span
/// per detectedAt pass plus the keys of versions too recent for a span to imply, so it holds what was
/// delivered recently, not everything a backlog drain delivered. The pipeline hands over nothing out of order, so the watermark
/// never passes an alert the intake has not acknowledged, however its acknowledgements overtake each other.
/// </summary>
public sealed class LiveDelivery(
    DeliveryPipeline pipeline, ICheckpointStore store, CollectionStatus status,
    CollectionOptions settings, CollectorMetrics metrics, TimeProvider time, ILogger<LiveDelivery> logger)
{
    private Checkpoint _checkpoint = new();
    private long _progress;

    /// <summary>
    /// Grows with every acknowledged chunk and every page that moved a watermark: a cycle that failed after
    /// moving it still got somewhere, so the poll loop need not back off as if the source were down. Pages
    /// re-read inside the overlap move nothing, so a cycle that keeps failing past them is no progress.
    /// </summary>
    public long Progress => Interlocked.Read(ref _progress);

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
            "Resuming from checkpoint: detectedAt watermark {Detected:O}, updatedAt watermark {Updated:O}, {Keys} dedup keys, {Spans} listed spans",
            DateTimeOffset.FromUnixTimeMilliseconds(_checkpoint.DetectedWatermarkMs.Value),
            DateTimeOffset.FromUnixTimeMilliseconds(_checkpoint.UpdatedWatermarkMs.Value), _checkpoint.Delivered.Count, _checkpoint.Listed.Count);
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
        // Taken before the first page is requested: every page of the pass is listed at this time or later.
        var listedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var hi = listedAtMs - (long)settings.SettleDelay.TotalMilliseconds;
        var watermark = _checkpoint.Watermark(field) ?? hi;
        if (hi <= watermark)
        {
            return true;
        }
        var lo = watermark - (long)settings.Overlap.TotalMilliseconds;
        // Only a pass by detectedAt, which never changes, lists every alert of a range: only it can vouch for one.
        var span = field == AlertTimeField.DetectedAt ? _checkpoint.Listed.Open(lo, listedAtMs) : null;
        var request = new DeliveryRequest(field, lo, hi, pass, AlreadyDelivered, stopRequested);
        var windowDone = false;
        await foreach (var step in pipeline.RunAsync(request, cancellationToken).ConfigureAwait(false))
        {
            switch (step)
            {
                case ChunkSettled chunk:
                    await RecordAsync(chunk, span).ConfigureAwait(false);
                    Interlocked.Increment(ref _progress);
                    break;
                case PageCompleted page:
                    status.Fetched(page.Listed);
                    var before = _checkpoint.Watermark(field);
                    if (page.MaxTimestampMs is { } max)
                    {
                        _checkpoint.Advance(field, Math.Min(max, hi));
                        Extend(span, Math.Min(max, hi));
                    }
                    Prune();
                    await CommitAsync(cancellationToken).ConfigureAwait(false);
                    if (_checkpoint.Watermark(field) != before)
                    {
                        Interlocked.Increment(ref _progress);
                    }
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
        Extend(span, hi);
        Prune();
        await CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    // Called by the pipeline's tasks while this loop commits: both parts of the window lock.
    private bool AlreadyDelivered(string id, long updatedAtMs, long detectedAtMs) =>
        _checkpoint.Delivered.Contains(id, updatedAtMs) || _checkpoint.Listed.Implies(detectedAtMs, updatedAtMs, LagMs);

    // A settled chunk: the span moves over it, the keys it does not imply join the dedup window, and it is
    // committed; the watermark waits for the page.
    private async Task RecordAsync(ChunkSettled chunk, ListedSpan? span)
    {
        Dictionary<string, long>? detectedAt = null;
        if (span is not null && chunk.Settled.Count > 0)
        {
            // A detectedAt pass: the settled stamps are detectedAt, ascending; the alerts after them are at
            // the last one or later, so the span covers up to it, exclusive.
            detectedAt = new Dictionary<string, long>(chunk.Settled.Count, StringComparer.Ordinal);
            foreach (var (id, detectedAtMs) in chunk.Settled)
            {
                detectedAt[id] = detectedAtMs;
            }
            Extend(span, chunk.Settled.Max(s => s.TimestampMs));
        }
        foreach (var (id, updatedAtMs) in chunk.Keys)
        {
            if (detectedAt is null || !detectedAt.TryGetValue(id, out var detectedAtMs))
            {
                _checkpoint.Delivered.Add(id, updatedAtMs);
            }
            else if (!_checkpoint.Listed.Implies(detectedAtMs, updatedAtMs, LagMs))
            {
                // Too recent, or at the span's (exclusive) end: kept until a span implies it or it ages out.
                _checkpoint.Delivered.Add(id, updatedAtMs, detectedAtMs);
            }
        }
        if (detectedAt is not null)
        {
            // The span moved over the keys held at its former end.
            _checkpoint.Delivered.PruneImplied(_checkpoint.Listed, LagMs);
        }
        _checkpoint.ForwardedTotal += chunk.Forwarded;
        _checkpoint.DeadLetteredTotal += chunk.DeadLettered;
        // An acknowledged chunk is recorded even while shutting down: the write is short and saves a re-send.
        await CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private void Extend(ListedSpan? span, long toMs)
    {
        if (span is not null)
        {
            _checkpoint.Listed.Extend(span, toMs);
        }
    }

    // After every page, not only after a pass: a backlog drain is one long pass.
    private void Prune()
    {
        var threshold = PruneThreshold();
        _checkpoint.Delivered.PruneBefore(threshold);
        _checkpoint.Delivered.PruneImplied(_checkpoint.Listed, LagMs);
        _checkpoint.Listed.DropUseless(threshold, LagMs);
    }

    // How late a version may become visible after its updatedAt (the same allowance the windows assume: an
    // alert is read again for overlap after the watermark, which trails the clock by settleDelay).
    private long LagMs => (long)(settings.Overlap + settings.SettleDelay).TotalMilliseconds;

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
