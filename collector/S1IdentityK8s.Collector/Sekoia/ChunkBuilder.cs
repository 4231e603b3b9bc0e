namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>
/// Fills one <c>/batch</c> request at a time from alerts arriving in order, so a chunk can be pushed as
/// soon as it is full while later alerts are still being fetched. A chunk holds at most
/// <c>maxBatchEvents</c> sendable events and its body stays under <c>maxBodyBytes</c>; an alert over the
/// intake's event limit rides along without counting, since it is dead-lettered instead of sent.
/// </summary>
public sealed class ChunkBuilder
{
    private readonly int _maxBatchEvents;
    private readonly int _envelopeBytes;
    private readonly int _maxBodyBytes;
    private List<OutgoingAlert> _current = [];
    private int _events;
    private int _bodyBytes;

    /// <summary>Creates an empty builder.</summary>
    public ChunkBuilder(int maxBatchEvents, int envelopeBytes, int maxBodyBytes = IntakeLimits.MaxBodyBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatchEvents);
        _maxBatchEvents = maxBatchEvents;
        _envelopeBytes = envelopeBytes;
        _maxBodyBytes = maxBodyBytes;
        _bodyBytes = envelopeBytes;
    }

    /// <summary>
    /// Adds <paramref name="alert"/>; returns the chunk it closed when it did not fit (the alert then
    /// starts the next one), else null.
    /// </summary>
    public IReadOnlyList<OutgoingAlert>? Add(OutgoingAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Oversize)
        {
            _current.Add(alert);
            return null;
        }
        IReadOnlyList<OutgoingAlert>? closed = null;
        var added = alert.EncodedString.Length + (_events > 0 ? 1 : 0);
        if (_events > 0 && (_events == _maxBatchEvents || _bodyBytes + added > _maxBodyBytes))
        {
            closed = Flush();
            added = alert.EncodedString.Length;
        }
        _current.Add(alert);
        _events++;
        _bodyBytes += added;
        return closed;
    }

    /// <summary>Closes and returns the chunk being filled, or null when it is empty.</summary>
    public IReadOnlyList<OutgoingAlert>? Flush()
    {
        if (_current.Count == 0)
        {
            return null;
        }
        var closed = _current;
        _current = [];
        _events = 0;
        _bodyBytes = _envelopeBytes;
        return closed;
    }
}
