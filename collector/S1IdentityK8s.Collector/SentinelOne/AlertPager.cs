using System.Runtime.CompilerServices;

namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>
/// Pages through every Identity alert with a timestamp in <c>[fromMs, toMs)</c>, ascending. A cursor seen
/// twice in one pass ends it with an error instead of a loop.
/// </summary>
public sealed class AlertPager(UamClient client, int pageSize)
{
    /// <summary>The pages of the window, fetched one at a time as the caller consumes them.</summary>
    public async IAsyncEnumerable<AlertPage> PagesAsync(
        AlertTimeField field, long fromMs, long toMs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        // A server that hands out a cursor it already gave would page forever.
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var page = await client.ListAsync(new AlertQuery(field, fromMs, toMs, pageSize, after), cancellationToken)
                .ConfigureAwait(false);
            yield return page;
            if (!page.HasNextPage)
            {
                yield break;
            }
            if (!cursors.Add(page.EndCursor!))
            {
                throw new UamException(UamFailureKind.Unavailable,
                    $"SentinelOne returned endCursor {UamPageReader.Show(page.EndCursor)} twice in one pass: paging would never end");
            }
            after = page.EndCursor;
        }
    }
}
