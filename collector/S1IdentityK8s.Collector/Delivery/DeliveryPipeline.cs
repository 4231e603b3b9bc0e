using System.Runtime.CompilerServices;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// Delivers one pass over a window with its round trips overlapped, inside the shared request budget:
/// <code>
///   list page ──> plan (dedup) ──> detail batches ──> chunks ──> push ──> steps, in page order ──> caller commits
///   (≤ PagesInFlight)              (≤ detailConcurrency)         (≤ ChunksInFlight)
/// </code>
/// The next page is listed while earlier ones are completed, detail batches of one or more pages are
/// fetched concurrently, and a full chunk is pushed while the details of the next are in flight. Data only
/// flows forward, as immutable values; the caller sees each <see cref="DeliveryStep"/> once every step
/// before it is settled, so however acknowledgements overtake each other, a prefix is all it can commit.
/// <para>
/// Bounds. In flight at once: at most <see cref="PagesInFlight"/> pages (listed and not yet committed by
/// the caller, so memory does not grow with the backlog), at most <c>detailConcurrency</c> detail requests
/// (shared with every other run), at most <see cref="ChunksInFlight"/> chunks pushed and not yet committed.
/// A caller that commits every <see cref="ChunkSettled"/> before asking for the next step, as live
/// collection and backfills do, re-sends after a crash at any instant at most those chunks:
/// ≤ <see cref="ChunksInFlight"/> × min(<c>maxBatchEvents</c>, <c>pageSize</c>) alerts per run.
/// </para>
/// On a failure no new request starts; pushes already under way finish and reach the caller, and the
/// failure is thrown after them. A stop request lists no further page; the pages in flight are finished.
/// </summary>
public sealed class DeliveryPipeline(PageFeed feed, ChunkSender sender)
{
    /// <summary>
    /// Pages listed and not yet committed, at most: the one being pushed, the next whose details are being
    /// fetched, and one listed ahead, so the budget never idles while a page is committed.
    /// </summary>
    public const int PagesInFlight = 3;

    /// <summary>
    /// Chunks pushed and not yet committed, at most: a push overlaps the next chunk's detail requests, and a
    /// second push may start while the first is answered or committed, so a slow intake does not stall the
    /// budget. It is also how many chunks a crash can re-send.
    /// </summary>
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
