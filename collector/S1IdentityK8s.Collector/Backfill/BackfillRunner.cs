using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Kubernetes;

namespace S1IdentityK8s.Collector.Backfill;

/// <summary>
/// Runs backfills one at a time beside live collection: an interrupted one first (after a restart), then
/// the oldest Pending one; the others wait as Pending. One at a time bounds the extra load on the shared
/// request budget and keeps live collection's share of it.
/// </summary>
public sealed class BackfillRunner(
    BackfillRegistry registry, BackfillExecution execution, WriterGate writer, IHostApplicationLifetime lifetime, TimeProvider time,
    ILogger<BackfillRunner> logger) : BackgroundService
{
    /// <summary>Wait after an unexpected error before taking the next backfill.</summary>
    public static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        // Shutdown begins at ApplicationStopping, before our StopAsync is reached: start finishing the
        // in-flight page then, alongside live collection's, within the same grace period.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        using var hardStop = new CancellationTokenSource();
        using var graceTimer = stopping.Token.Register(() => hardStop.CancelAfter(LiveCollector.ShutdownGrace));
        try
        {
            // In a cluster, only the Lease holder may send: a second pod must not run backfills either.
            await writer.WaitAsync(stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        while (!stopping.IsCancellationRequested)
        {
            var change = registry.NextChange;
            if (registry.NextRunnable() is not { } next)
            {
                await WaitAsync(change, stopping.Token).ConfigureAwait(false);
                continue;
            }
            BackfillRun? run = null;
            try
            {
                run = await registry.BeginRunAsync(next.Name, hardStop.Token).ConfigureAwait(false);
                if (run is null)
                {
                    continue;
                }
                logger.LogInformation("Backfill {Name} running: detectedAt in [{From:O}, {To:O}){DryRun}, from {Cursor}", next.Name,
                    DateTimeOffset.FromUnixTimeMilliseconds(next.FromMs), DateTimeOffset.FromUnixTimeMilliseconds(next.ToMs),
                    next.DryRun ? " (dry run)" : "", next.CursorMs is { } c ? $"its cursor {DateTimeOffset.FromUnixTimeMilliseconds(c):O}" : "the start");
                await execution.RunAsync(run, stopping.Token, hardStop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The record stays Running or Pending and is taken again: nothing is lost, so keep the host up.
                logger.LogError("Backfill {Name} interrupted, retrying in {Pause}: {Error}", next.Name, ErrorPause, e.Message);
                await WaitAsync(Task.Delay(ErrorPause, time, stopping.Token), stopping.Token).ConfigureAwait(false);
            }
            finally
            {
                if (run is not null)
                {
                    registry.Release(run);
                    run.Dispose();
                }
            }
        }
    }

    private static async Task WaitAsync(Task task, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the loop condition ends it.
        }
    }
}
