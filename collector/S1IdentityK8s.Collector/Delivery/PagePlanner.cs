using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// Turns a listed page into a <see cref="PagePlan"/>: every node's stamp for the watermark or cursor, and
/// the versions to deliver, i.e. those neither delivered already, nor in flight, nor repeated in the page.
/// </summary>
public sealed class PagePlanner(CollectorMetrics metrics)
{
    /// <summary>Plans <paramref name="page"/>, marking what it will deliver in <paramref name="inFlight"/>.</summary>
    public PagePlan Plan(AlertPage page, DeliveryRequest request, InFlightKeys inFlight)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(inFlight);
        var stamps = new List<(string Id, long TimestampMs)>(page.Nodes.Count);
        var alerts = new List<PlannedAlert>(request.DryRun ? 0 : page.Nodes.Count);
        var inPage = new HashSet<(string, long)>();
        for (var position = 0; position < page.Nodes.Count; position++)
        {
            var node = page.Nodes[position];
            var id = AlertFields.Id(node);
            var timestampMs = AlertFields.TimestampMs(node, request.Field);
            stamps.Add((id, timestampMs));
            if (request.DryRun)
            {
                continue;
            }
            var updatedAtMs = request.Field == AlertTimeField.UpdatedAt ? timestampMs : AlertFields.TimestampMs(node, AlertTimeField.UpdatedAt);
            // In flight before delivered: the caller records a version delivered before the run forgets it in flight.
            if (inPage.Add((id, updatedAtMs)) && !inFlight.Contains(id, updatedAtMs)
                && !request.AlreadyDelivered(id, updatedAtMs, DetectedAtMs(node, request.Field, timestampMs)))
            {
                alerts.Add(new PlannedAlert(id, updatedAtMs, node, position));
            }
        }
        if (!request.DryRun)
        {
            inFlight.Add(alerts);
            metrics.AlertsFetched.WithLabels(request.Pass).Inc(page.Nodes.Count);
            metrics.AlertsDeduplicated.WithLabels(request.Pass).Inc(page.Nodes.Count - alerts.Count);
        }
        return new PagePlan(alerts, new PageCompleted(stamps, page.HasNextPage));
    }

    private static long DetectedAtMs(System.Text.Json.Nodes.JsonObject node, AlertTimeField field, long timestampMs) =>
        field == AlertTimeField.DetectedAt ? timestampMs : AlertFields.TimestampMs(node, AlertTimeField.DetectedAt);
}
