using S1IdentityK8s.Collector.Sekoia;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// The pipeline's second stage: takes pages in order, fills chunks from their detail batches as each
/// completes, and pushes a chunk as soon as it is full while later details are still in flight, at most
/// as many at once as there are chunk slots. Each push becomes a step in page order, followed by the
/// page's <see cref="PageCompleted"/>; the caller awaits them in that order, so an acknowledgement that
/// overtakes an earlier one waits for it.
/// </summary>
public sealed class ChunkSender(IntakeSink sink)
{
    /// <summary>Sends <paramref name="run"/>'s pages until the feed ends; on a failure, sends nothing more.</summary>
    public async Task RunAsync(PipelineRun run, DeliveryRequest request)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(request);
        PendingPage? current = null;
        try
        {
            while (await run.Pages.Reader.WaitToReadAsync(run.Fetching).ConfigureAwait(false))
            {
                while (run.Pages.Reader.TryRead(out current))
                {
                    await SendAsync(run, request, current).ConfigureAwait(false);
                    current = null;
                }
            }
        }
        catch (Exception e)
        {
            run.Fail(e);
            // The feed stops too; what it started is waited for, never sent.
            if (current is not null)
            {
                await PipelineRun.ObserveAsync(current).ConfigureAwait(false);
            }
            await foreach (var page in run.Pages.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                await PipelineRun.ObserveAsync(page).ConfigureAwait(false);
            }
        }
        finally
        {
            run.Steps.Writer.TryComplete();
        }
    }

    private async Task SendAsync(PipelineRun run, DeliveryRequest request, PendingPage page)
    {
        var chunk = sink.NewChunk();
        var added = 0;
        foreach (var batch in page.Batches)
        {
            foreach (var alert in await batch.ConfigureAwait(false))
            {
                // A chunk closes when the alert after its last does not fit: it ends at alert added - 1.
                if (chunk.Add(alert) is { } full)
                {
                    await PushAsync(run, request, full, Through(page, added - 1)).ConfigureAwait(false);
                }
                added++;
            }
        }
        if (chunk.Flush() is { } last)
        {
            await PushAsync(run, request, last, Through(page, added - 1)).ConfigureAwait(false);
        }
        run.Steps.Writer.TryWrite(Task.FromResult<DeliveryStep>(page.Completion));
    }

    // The page's nodes up to and including planned alert number lastAlert: what a chunk ending there settles.
    private static List<(string Id, long TimestampMs)> Through(PendingPage page, int lastAlert) =>
        page.Completion.Stamps.Take(page.Positions[lastAlert] + 1).ToList();

    private async Task PushAsync(PipelineRun run, DeliveryRequest request, IReadOnlyList<OutgoingAlert> chunk, List<(string Id, long TimestampMs)> settled)
    {
        await run.ChunkSlots.WaitAsync(run.Fetching).ConfigureAwait(false);
        run.Steps.Writer.TryWrite(DeliverAsync(chunk, settled, request.Pass, run.Pushing));
    }

    private async Task<DeliveryStep> DeliverAsync(
        IReadOnlyList<OutgoingAlert> chunk, List<(string Id, long TimestampMs)> settled, string pass, CancellationToken cancellationToken)
    {
        var receipt = await sink.DeliverAsync(chunk, pass, cancellationToken).ConfigureAwait(false);
        return new ChunkSettled(chunk.Select(a => (a.Id, a.UpdatedAtMs)).ToList(), receipt.Forwarded, receipt.DeadLettered, settled);
    }
}
