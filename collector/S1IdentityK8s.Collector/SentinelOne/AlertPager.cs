using System.Runtime.CompilerServices;

namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>Pages through every Identity alert with a timestamp in <c>[fromMs, toMs)</c>, ascending.</summary>
public sealed class AlertPager(UamClient client, int pageSize)
{
    /// <summary>The pages of the window, fetched one at a time as the caller consumes them.</summary>
    public async IAsyncEnumerable<AlertPage> PagesAsync(
        AlertTimeField field, long fromMs, long toMs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var page = await client.ListAsync(new AlertQuery(field, fromMs, toMs, pageSize, after), cancellationToken)
                .ConfigureAwait(false);
            yield return page;
            if (!page.HasNextPage)
            {
                yield break;
            }
            after = page.EndCursor;
        }
    }
}
