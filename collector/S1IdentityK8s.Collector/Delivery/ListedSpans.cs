namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// What the detectedAt passes listed, so the dedup window need not hold a key per delivered version. A
/// span <c>[FromMs, ToMs)</c> listed from <c>ListedAtMs</c> on says: every alert with <c>detectedAt</c> in
/// it that UAM showed at <c>ListedAtMs</c> was delivered in the version it had then. An alert whose
/// <c>updatedAt</c> is older than <c>ListedAtMs − lag</c> (lag = overlap + settleDelay, the visibility
/// allowance the windows already assume) was visible then in that very version, so a query returning
/// <c>(id, updatedAt, detectedAt)</c> inside a span with <c>updatedAt &lt; ListedAtMs − lag</c> returns a
/// version already delivered. The keys kept are only those of versions too recent to be implied.
/// Safe for concurrent use: the delivery pipeline reads it while the collection loop commits.
/// </summary>
public sealed class ListedSpans
{
    /// <summary>
    /// Spans held at most; a pass that finds them all in use records its keys instead (safe, not flat).
    /// Only a long run of detectedAt passes without a completed updatedAt pass gets there.
    /// </summary>
    public const int MaxSpans = 64;

    private readonly Lock _gate = new();
    private readonly List<ListedSpan> _spans = [];

    /// <summary>How many spans are held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _spans.Count;
            }
        }
    }

    /// <summary>Whether version <paramref name="updatedAtMs"/> of an alert detected at <paramref name="detectedAtMs"/> was delivered.</summary>
    public bool Implies(long detectedAtMs, long updatedAtMs, long lagMs)
    {
        lock (_gate)
        {
            foreach (var span in _spans)
            {
                if (detectedAtMs >= span.FromMs && detectedAtMs < span.ToMs && updatedAtMs < span.ListedAtMs - lagMs)
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>
    /// Opens an empty span for a pass that lists from <paramref name="fromMs"/> and starts listing at
    /// <paramref name="listedAtMs"/> (or earlier); null when none is free.
    /// </summary>
    public ListedSpan? Open(long fromMs, long listedAtMs)
    {
        lock (_gate)
        {
            if (_spans.Count >= MaxSpans)
            {
                return null;
            }
            var span = new ListedSpan(fromMs, fromMs, listedAtMs);
            _spans.Add(span);
            return span;
        }
    }

    /// <summary>
    /// Extends a span to <paramref name="toMs"/> (exclusive): every alert its pass listed before that
    /// <c>detectedAt</c> is settled. Never shrinks; a dropped span stays dropped.
    /// </summary>
    public void Extend(ListedSpan span, long toMs)
    {
        ArgumentNullException.ThrowIfNull(span);
        lock (_gate)
        {
            span.ToMs = Math.Max(span.ToMs, toMs);
        }
    }

    /// <summary>Drops spans that imply no version a query can still return (updatedAt ≥ <paramref name="oldestReturnableMs"/>).</summary>
    public void DropUseless(long oldestReturnableMs, long lagMs)
    {
        lock (_gate)
        {
            _spans.RemoveAll(s => s.ListedAtMs - lagMs <= oldestReturnableMs);
        }
    }

    /// <summary>Adds a span read from a checkpoint.</summary>
    public void Add(ListedSpan span)
    {
        lock (_gate)
        {
            _spans.Add(span);
        }
    }

    /// <summary>The spans, for persisting.</summary>
    public IReadOnlyList<(long FromMs, long ToMs, long ListedAtMs)> Snapshot()
    {
        lock (_gate)
        {
            return _spans.ConvertAll(s => (s.FromMs, s.ToMs, s.ListedAtMs));
        }
    }
}

/// <summary>A range of <c>detectedAt</c> one pass listed and settled, and when it started listing.</summary>
/// <param name="fromMs">Start (epoch ms, inclusive).</param>
/// <param name="toMs">End (epoch ms, exclusive): alerts at this instant may still be on a page to come.</param>
/// <param name="listedAtMs">Collector time before the pass's first page was requested.</param>
public sealed class ListedSpan(long fromMs, long toMs, long listedAtMs)
{
    /// <summary>Start (epoch ms, inclusive).</summary>
    public long FromMs { get; } = fromMs;

    /// <summary>End (epoch ms, exclusive); moved only under the owning <see cref="ListedSpans"/>' lock.</summary>
    public long ToMs { get; internal set; } = toMs;

    /// <summary>Collector time before the pass's first page was requested.</summary>
    public long ListedAtMs { get; } = listedAtMs;
}
