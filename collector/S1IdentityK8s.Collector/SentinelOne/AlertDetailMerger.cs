using System.Text.Json.Nodes;

namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>
/// Completes list nodes with their detail fields, <c>detailBatchSize</c> aliased lookups per request
/// (Sekoia's connector does one request per alert, sequentially). The detail wins on key collision, as in
/// Sekoia's connector. An alert whose detail comes back null is forwarded with its list fields only.
/// </summary>
public sealed class AlertDetailMerger(UamClient client, int detailBatchSize, ILogger<AlertDetailMerger> logger)
{
    /// <summary>Merges details into every node of <paramref name="nodes"/>, in place.</summary>
    public async Task MergeAsync(IReadOnlyList<JsonObject> nodes, CancellationToken cancellationToken)
    {
        for (var start = 0; start < nodes.Count; start += detailBatchSize)
        {
            var batch = nodes.Skip(start).Take(detailBatchSize).ToList();
            var ids = batch.Select(AlertFields.Id).ToList();
            var details = await client.GetDetailsAsync(ids, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                if (details[i] is not { } detail)
                {
                    logger.LogWarning("No detail returned for alert {AlertId}; forwarding its list fields only", ids[i]);
                    continue;
                }
                foreach (var (key, value) in detail.ToList())
                {
                    detail.Remove(key);
                    batch[i][key] = value;
                }
            }
        }
    }
}
