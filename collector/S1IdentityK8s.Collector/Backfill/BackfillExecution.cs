using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Backfill;

/// <summary>
/// Runs one backfill: the live delivery pipeline over <c>[cursor, to)</c> on <c>detectedAt</c>, with the same
/// pager, detail fetcher, intake sink and request budget as live collection, but with its own cursor and
/// its own dedup (the live dedup set is ignored: re-sending is the point), persisted after every
/// settled chunk and completed page. Never touches the live checkpoint. Transient failures are retried from the cursor.
/// </summary>
public sealed class BackfillExecution(
    DeliveryPipeline pipeline, BackfillRegistry registry, CollectorControl control,
    CollectionOptions settings, TimeProvider time, ILogger<BackfillExecution> logger)
{
    /// <summary>The metrics label of backfill traffic.</summary>
    public const string Pass = "backfill";

    /// <summary>Consecutive failed attempts (without an acknowledged page between) before the backfill fails.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Wait after the first failed attempt; doubles per attempt up to one minute.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs <paramref name="run"/> to a final phase, or until <paramref name="stopping"/> (then after the
    /// pages in flight, leaving it Running to resume on the next start); <paramref name="hardStop"/>
    /// abandons the pages in flight, which are then simply read again from the cursor on resume.
    /// </summary>
    public async Task RunAsync(BackfillRun run, CancellationToken stopping, CancellationToken hardStop)
    {
        ArgumentNullException.ThrowIfNull(run);
        var failures = 0;
        while (true)
        {
            if (run.CancelRequested)
            {
                var record = registry.Get(run.Name)!;
                await FinishAsync(run, BackfillPhase.Cancelled, $"cancelled after {record.Pages} pages", hardStop).ConfigureAwait(false);
                return;
            }
            if (stopping.IsCancellationRequested)
            {
                registry.Release(run);
                return;
            }
            if (control.Suspended)
            {
                await NoteAsync(run, "paused: collection is suspended", hardStop).ConfigureAwait(false);
                await WaitAsync(Timeout.InfiniteTimeSpan, run, stopping).ConfigureAwait(false);
                continue;
            }

            TimeSpan retryIn;
            try
            {
                if (await PassAsync(run, stopping, hardStop).ConfigureAwait(false))
                {
                    var record = registry.Get(run.Name)!;
                    await FinishAsync(run, BackfillPhase.Succeeded, record.DryRun
                        ? $"dry run: {record.AlertsFetched} alerts in {record.Pages} pages would be sent"
                        : $"re-sent {record.AlertsSent} alerts ({record.AlertsDeadLettered} dead-lettered) in {record.Pages} pages",
                        hardStop).ConfigureAwait(false);
                    return;
                }
                failures = 0;
                continue;
            }
            catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
            {
                registry.Release(run);
                return;
            }
            catch (UamException e) when (e.Kind == UamFailureKind.CredentialsRejected)
            {
                // Not counted as an attempt: a rotated token fixes it, as for live collection.
                retryIn = settings.CredentialsRetryInterval;
                await NoteAsync(run, $"waiting for valid SentinelOne credentials: {e.Message}", hardStop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FormatException || e is UamException { Kind: UamFailureKind.QueryRejected })
            {
                await FinishAsync(run, BackfillPhase.Failed, e.Message, hardStop).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is UamException or IOException or InvalidOperationException)
            {
                if (++failures >= MaxAttempts)
                {
                    await FinishAsync(run, BackfillPhase.Failed, $"gave up after {failures} attempts: {e.Message}", hardStop).ConfigureAwait(false);
                    return;
                }
                retryIn = TimeSpan.FromTicks(Math.Min(FirstRetryDelay.Ticks << (failures - 1), TimeSpan.FromMinutes(1).Ticks));
                await NoteAsync(run, $"attempt {failures} of {MaxAttempts} failed, retrying from the cursor in {retryIn.TotalSeconds:0}s: {e.Message}",
                    hardStop).ConfigureAwait(false);
            }
            await WaitAsync(retryIn, run, stopping).ConfigureAwait(false);
        }
    }

    // One pass from the persisted cursor to the end of the window; false when it stopped early on request.
    // The cursor moves over every settled chunk (chunks keep page order), so a crash re-sends at most the
    // chunks in flight (DeliveryPipeline.ChunksInFlight), as for live collection.
    private async Task<bool> PassAsync(BackfillRun run, CancellationToken stopping, CancellationToken hardStop)
    {
        var record = registry.Get(run.Name)!;
        var cursorMs = record.CursorMs;
        var cursorIds = record.CursorIds;
        // Alerts at the cursor instant that were already re-sent: pages of one pass never repeat an alert.
        var covered = cursorIds.ToHashSet(StringComparer.Ordinal);
        var request = new DeliveryRequest(AlertTimeField.DetectedAt, cursorMs ?? record.FromMs, record.ToMs, Pass,
            (id, _, _) => covered.Contains(id), () => run.CancelRequested || stopping.IsCancellationRequested || control.Suspended,
            record.DryRun);
        var windowDone = false;
        await foreach (var step in pipeline.RunAsync(request, hardStop).ConfigureAwait(false))
        {
            if (step is ChunkSettled chunk)
            {
                (cursorMs, cursorIds) = BackfillCursor.Advance(cursorMs, cursorIds, chunk.Settled);
                var (chunkMs, chunkIds) = (cursorMs, cursorIds);
                // An acknowledged chunk is recorded even while shutting down: the write is short and saves a re-send.
                await registry.UpdateAsync(run, r => r with
                {
                    AlertsSent = r.AlertsSent + chunk.Forwarded,
                    AlertsDeadLettered = r.AlertsDeadLettered + chunk.DeadLettered,
                    CursorMs = chunkMs,
                    CursorIds = chunkIds,
                }, CancellationToken.None).ConfigureAwait(false);
                continue;
            }
            var page = (PageCompleted)step;
            var fresh = page.Stamps.Select(s => s.Id).Where(id => !covered.Contains(id)).Distinct(StringComparer.Ordinal).Count();
            (cursorMs, cursorIds) = BackfillCursor.Advance(cursorMs, cursorIds, page.Stamps);
            var (ms, ids) = (cursorMs, cursorIds);
            record = await registry.UpdateAsync(run, r => r with
            {
                Pages = r.Pages + 1,
                AlertsFetched = r.AlertsFetched + fresh,
                CursorMs = ms,
                CursorIds = ids,
                Message = r.CancelRequested ? r.Message : null,
            }, hardStop).ConfigureAwait(false);
            windowDone = !page.HasNextPage;
            logger.LogDebug("Backfill {Name}: page {Pages} done, {Fresh} alerts, progress {Progress:P1}", run.Name, record.Pages, fresh, record.Progress);
        }
        return windowDone;
    }

    private async Task FinishAsync(BackfillRun run, BackfillPhase phase, string message, CancellationToken cancellationToken)
    {
        await registry.FinishAsync(run, phase, message, cancellationToken).ConfigureAwait(false);
        logger.Log(phase == BackfillPhase.Failed ? LogLevel.Error : LogLevel.Information,
            "Backfill {Name} {Phase}: {Message}", run.Name, phase, message);
    }

    private async Task NoteAsync(BackfillRun run, string message, CancellationToken cancellationToken)
    {
        logger.LogWarning("Backfill {Name}: {Message}", run.Name, message);
        await registry.UpdateAsync(run, r => r with { Message = r.CancelRequested ? r.Message : message }, cancellationToken).ConfigureAwait(false);
    }

    // Waits out a delay (infinite: until a switch changes), cut short by a cancel or by shutdown.
    private async Task WaitAsync(TimeSpan delay, BackfillRun run, CancellationToken stopping)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(run.CancelToken, stopping);
        try
        {
            await control.WaitAsync(delay, time, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop sees why and acts on it.
        }
    }
}
