using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Hosting;
using S1IdentityK8s.Collector.Kubernetes;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// The poll loop: a cycle, then <c>pollInterval</c>; after a refused token, <c>credentialsRetryInterval</c>
/// (never a hot loop); after other failures, a doubling backoff that starts over whenever a cycle made
/// progress (a chunk acknowledged or a page committed) before failing: a source that fails now and then,
/// once per-request retries are exhausted, must not slow a drain that keeps moving. On shutdown the pages in flight get a
/// grace period to be acknowledged and committed before they are abandoned (abandoning is safe: they are
/// simply read again on restart).
/// </summary>
public sealed class LiveCollector(
    LiveDelivery collection, CollectorControl control, CollectionStatus status, CollectionOptions settings, WriterGate writer,
    CollectorMetrics metrics, TimeProvider time, FatalExit fatal, ILogger<LiveCollector> logger) : BackgroundService
{
    /// <summary>How long the pages in flight may take to finish after shutdown begins.</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var hardStop = new CancellationTokenSource();
        using var _ = stoppingToken.Register(() => hardStop.CancelAfter(ShutdownGrace));
        try
        {
            // In a cluster the checkpoint is read only once this pod holds the intake's Lease.
            await writer.WaitAsync(stoppingToken).ConfigureAwait(false);
            await collection.InitializeAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            logger.LogCritical("Cannot start collection: {Error}", e.Message);
            fatal.Stop($"Cannot start collection: {e.Message}");
            return;
        }

        var backoff = new CycleBackoff(settings.PollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (control.Suspended)
            {
                status.SetSuspended(true);
                logger.LogInformation("Collection suspended");
                await WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken).ConfigureAwait(false);
                continue;
            }
            status.SetSuspended(false);
            var delay = settings.PollInterval;
            var progressBefore = collection.Progress;
            try
            {
                var completed = await collection.RunCycleAsync(() => stoppingToken.IsCancellationRequested || control.Suspended, hardStop.Token)
                    .ConfigureAwait(false);
                backoff.Succeeded();
                status.SetLastCycleError(null);
                if (completed)
                {
                    var now = status.Current;
                    logger.LogInformation("Collection cycle complete: detectedAt watermark {Watermark:yyyy-MM-ddTHH:mm:ss.fffZ}, {Forwarded} alerts forwarded in total",
                        DateTimeOffset.FromUnixTimeMilliseconds(now.DetectedWatermarkMs ?? 0).UtcDateTime, now.ForwardedTotal);
                }
            }
            catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
            {
                break;
            }
            catch (CheckpointConflictException e)
            {
                logger.LogCritical("Stopping: {Error}", e.Message);
                fatal.Stop(e.Message);
                return;
            }
            catch (UamException e) when (e.Kind == UamFailureKind.CredentialsRejected)
            {
                delay = settings.CredentialsRetryInterval;
                Fail("credentials", e.Message, delay);
            }
            catch (Exception e) when (e is UamException or IOException or FormatException or InvalidOperationException)
            {
                delay = backoff.Failed(progressed: collection.Progress != progressBefore);
                Fail(e is UamException u ? u.Kind.ToString() : e.GetType().Name, e.Message, delay);
            }
            await WaitAsync(delay, stoppingToken).ConfigureAwait(false);
        }
    }

    private void Fail(string kind, string message, TimeSpan retryIn)
    {
        metrics.CycleFailures.WithLabels(kind).Inc();
        status.SetLastCycleError(message);
        logger.LogError("Collection cycle failed ({Kind}): {Error}; retrying in {RetryIn}", kind, message, retryIn);
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        IdleMemory.TrimBefore(delay);
        try
        {
            await control.WaitAsync(delay, time, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the loop condition ends it.
        }
    }
}
