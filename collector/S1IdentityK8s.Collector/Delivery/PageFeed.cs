using S1IdentityK8s.Collector.Sekoia;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// The pipeline's first stage: lists the window's pages, each once a page slot is free (so it reads ahead
/// while earlier pages are completed, never more than the slots allow), plans it, and starts its detail
/// requests right away: they queue for the shared detail concurrency and request budget behind the
/// earlier pages' ones, first come, first served.
/// </summary>
public sealed class PageFeed(AlertPager pager, PagePlanner planner, AlertDetailFetcher details)
{
    /// <summary>Feeds <paramref name="run"/>'s page queue until the window ends, a stop is requested, or a failure.</summary>
    public async Task RunAsync(PipelineRun run, DeliveryRequest request)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var pages = pager.PagesAsync(request.Field, request.FromMs, request.ToMs, run.Fetching).GetAsyncEnumerator();
            await using var _ = pages.ConfigureAwait(false);
            for (var first = true; ; first = false)
            {
                await run.PageSlots.WaitAsync(run.Fetching).ConfigureAwait(false);
                if ((!first && request.StopRequested()) || !await pages.MoveNextAsync().ConfigureAwait(false))
                {
                    return;
                }
                var plan = planner.Plan(pages.Current, request, run.Keys);
                run.Pages.Writer.TryWrite(new PendingPage(
                    StartDetails(plan.Alerts, run.Fetching), plan.Alerts.Select(a => a.Position).ToList(), plan.Completion));
                if (!pages.Current.HasNextPage)
                {
                    return;
                }
            }
        }
        catch (Exception e)
        {
            run.Fail(e);
        }
        finally
        {
            run.Pages.Writer.TryComplete();
        }
    }

    private List<Task<IReadOnlyList<OutgoingAlert>>> StartDetails(IReadOnlyList<PlannedAlert> alerts, CancellationToken cancellationToken)
    {
        var batches = new List<Task<IReadOnlyList<OutgoingAlert>>>((alerts.Count + details.BatchSize - 1) / details.BatchSize);
        for (var start = 0; start < alerts.Count; start += details.BatchSize)
        {
            var batch = alerts.Skip(start).Take(details.BatchSize).ToList();
            batches.Add(CompleteAsync(batch, cancellationToken));
        }
        return batches;
    }

    // The list node and its detail become one serialised alert; neither is modified.
    private async Task<IReadOnlyList<OutgoingAlert>> CompleteAsync(List<PlannedAlert> batch, CancellationToken cancellationToken)
    {
        var found = await details.FetchAsync(batch.ConvertAll(a => a.Id), cancellationToken).ConfigureAwait(false);
        var alerts = new OutgoingAlert[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            alerts[i] = OutgoingAlert.FromUtf8Json(batch[i].Id, batch[i].UpdatedAtMs, AlertMerge.ToUtf8Json(batch[i].Node, found[i]));
        }
        return alerts;
    }
}
