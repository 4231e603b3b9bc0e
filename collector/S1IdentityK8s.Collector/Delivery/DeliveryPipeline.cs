using System.Runtime.CompilerServices;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// Delivers one pass over a window with its round trips overlapped, inside the shared request budget:
/// <code>
///   list page ──> plan (dedup) ──> detail batches ──> chunks ──> pushes ──> steps, in page order ──> caller commits
///   (≤ PagesInFlight)              (≤ detailConcurrency)         (≤ ChunksInFlight)
/// </code>
/// The next page is listed while earlier ones are completed, detail batches of one or more pages are
/// fetched concurrently, and a full chunk is pushed while the details of the next are in flight. Data only
/// flows forward, as immutable values; the caller sees each <see cref="DeliveryStep"/> once every step
/// before it is settled, so however acknowledgements overtake each other, a prefix is all it can commit.
/// <para>
/// Bounds. In flight at once: at most <see cref="PagesInFlight"/> pages (listed and not yet committed by
/// the caller, so memory does not grow with the backlog), at most <c>detailConcurrency</c> detail requests,
/// at most <see cref="ChunksInFlight"/> chunks pushed and not yet committed. A crash at any instant can
/// therefore re-send at most <see cref="ChunksInFlight"/> chunks (≤ 2 × min(maxBatchEvents, pageSize)
/// alerts) to a caller that commits each chunk's keys, as live collection does; a caller that commits per
/// page only, as a backfill's cursor does, re-sends at most <see cref="PagesInFlight"/> pages.
/// </para>
/// On a failure no new request starts; pushes already under way finish and reach the caller, and the
/// failure is thrown after them. A stop request lists no further page; the pages in flight are finished.
/// </summary>
public sealed class DeliveryPipeline(PageFeed feed, ChunkSender sender)
{
    /// <summary>Pages listed and not yet committed, at most: the page being completed and one read ahead.</summary>
    public const int PagesInFlight = 2;

    /// <summary>Chunks pushed and not yet committed, at most: one being pushed while another is committed, or two pushed at once.</summary>
    public const int ChunksInFlight = 2;

    /// <summary>
    /// Runs <paramref name="request"/>, yielding its steps in page order; the caller commits each before it
    /// asks for the next, which is what frees room for more work. Throws the run's first failure after the
    /// steps that settled anyway; <paramref name="cancellationToken"/> abandons everything in flight.
    /// </summary>
    public async IAsyncEnumerable<DeliveryStep> RunAsync(DeliveryRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var run = new PipelineRun(PagesInFlight, ChunksInFlight, cancellationToken);
        var feeding = Task.Run(() => feed.RunAsync(run, request), CancellationToken.None);
        var sending = Task.Run(() => sender.RunAsync(run, request), CancellationToken.None);
        try
        {
            while (await run.Steps.Reader.WaitToReadAsync(run.Pushing).ConfigureAwait(false))
            {
                while (run.Steps.Reader.TryRead(out var pending))
                {
                    var step = await pending.ConfigureAwait(false);
                    yield return step;
                    run.Committed(step);
                }
            }
            await Task.WhenAll(feeding, sending).ConfigureAwait(false);
            run.ThrowIfFailed();
        }
        finally
        {
            await run.AbandonAsync(feeding, sending).ConfigureAwait(false);
        }
    }
}
