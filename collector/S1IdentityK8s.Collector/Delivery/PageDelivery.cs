using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.Sekoia;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// Delivers one page: drops versions already delivered, fetches the details of the rest in aliased
/// batches, forwards them, and returns only when each is acknowledged or dead-lettered. After each chunk
/// settles, <c>settled</c> receives its keys, so the caller can record them as delivered right away: a
/// crash mid-page then re-sends only the chunk in flight, not the whole page.
/// </summary>
public sealed class PageDelivery(AlertDetailMerger details, IntakeSink sink, CollectorMetrics metrics)
{
    /// <summary>Delivers the nodes of <paramref name="page"/> that <paramref name="alreadyDelivered"/> does not hold.</summary>
    public async Task<PageResult> DeliverAsync(
        AlertPage page, string pass, Func<string, long, bool> alreadyDelivered, Func<PageResult, Task> settled,
        CancellationToken cancellationToken)
    {
        metrics.AlertsFetched.WithLabels(pass).Inc(page.Nodes.Count);
        var fresh = new List<JsonObject>(page.Nodes.Count);
        var keys = new List<(string Id, long UpdatedAtMs)>(page.Nodes.Count);
        var inPage = new HashSet<(string, long)>();
        foreach (var node in page.Nodes)
        {
            var key = (AlertFields.Id(node), AlertFields.TimestampMs(node, AlertTimeField.UpdatedAt));
            if (alreadyDelivered(key.Item1, key.Item2) || !inPage.Add(key))
            {
                continue;
            }
            fresh.Add(node);
            keys.Add(key);
        }
        metrics.AlertsDeduplicated.WithLabels(pass).Inc(page.Nodes.Count - fresh.Count);
        if (fresh.Count == 0)
        {
            return new PageResult(keys, 0, 0);
        }

        await details.MergeAsync(fresh, cancellationToken).ConfigureAwait(false);
        var outgoing = new List<OutgoingAlert>(fresh.Count);
        for (var i = 0; i < fresh.Count; i++)
        {
            foreach (var field in AlertFields.InternalFields)
            {
                fresh[i].Remove(field);
            }
            outgoing.Add(OutgoingAlert.From(keys[i].Id, keys[i].UpdatedAtMs, fresh[i]));
        }
        var forwarded = await sink.DeliverAsync(outgoing, pass,
            (chunk, sent) => settled(new PageResult(chunk.Select(a => (a.Id, a.UpdatedAtMs)).ToList(), sent, chunk.Count - sent)),
            cancellationToken).ConfigureAwait(false);
        return new PageResult(keys, forwarded, outgoing.Count - forwarded);
    }
}
