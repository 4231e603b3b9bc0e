namespace S1IdentityK8s.TestSupport.Emulators.Sekoia;

/// <summary>
/// Everything the intake recorded, with per-id and per-version counts kept up to date on arrival so
/// tests can compute lost and duplicated alerts cheaply. One lock: a request's events and its record
/// appear together. Without <c>keep</c>, only the counts (per id, and per version with <c>keepVersions</c>)
/// are kept.
/// </summary>
internal sealed class IntakeEventLog(bool keep = true, bool keepVersions = true)
{
    private readonly Lock _lock = new();
    private readonly List<IntakeEvent> _events = [];
    private readonly List<IntakeEvent> _rejected = [];
    private readonly List<IntakeRequestRecord> _requests = [];
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _acknowledgedById = new(StringComparer.Ordinal);
    private readonly Dictionary<AlertVersionKey, int> _byKey = [];
    private readonly Dictionary<AlertVersionKey, int> _acknowledgedByKey = [];
    private int _acknowledged;
    private int _eventCount;
    private int _requestCount;

    public int EventCount
    {
        get { lock (_lock) { return _eventCount; } }
    }

    public int AcknowledgedCount
    {
        get { lock (_lock) { return _acknowledged; } }
    }

    public int RequestCount
    {
        get { lock (_lock) { return _requestCount; } }
    }

    public void Add(IntakeRequestRecord request, IEnumerable<IntakeEvent> accepted, IEnumerable<IntakeEvent> rejected)
    {
        lock (_lock)
        {
            _requestCount++;
            if (keep)
            {
                ArrivalOrder.Insert(_requests, request, r => r.Number);
            }
            foreach (var e in accepted)
            {
                _eventCount++;
                if (keep)
                {
                    _events.Add(e with { Sequence = _eventCount });
                }
                if (keep || keepVersions)
                {
                    Increment(_byKey, e.Key);
                }
                if (e.AlertId is not null)
                {
                    Increment(_byId, e.AlertId);
                }
                if (e.Acknowledged)
                {
                    _acknowledged++;
                    if (keep || keepVersions)
                    {
                        Increment(_acknowledgedByKey, e.Key);
                    }
                    if (e.AlertId is not null)
                    {
                        Increment(_acknowledgedById, e.AlertId);
                    }
                }
            }
            foreach (var e in rejected)
            {
                _rejected.Add(e with { Sequence = _rejected.Count + 1 });
            }
        }
    }

    public List<IntakeEvent> Events() => Copy(_events);

    public List<IntakeEvent> Rejected() => Copy(_rejected);

    public List<IntakeRequestRecord> Requests()
    {
        lock (_lock)
        {
            return [.. _requests];
        }
    }

    public Dictionary<string, int> CountsById(bool acknowledgedOnly)
    {
        lock (_lock)
        {
            return new Dictionary<string, int>(acknowledgedOnly ? _acknowledgedById : _byId, StringComparer.Ordinal);
        }
    }

    public Dictionary<AlertVersionKey, int> CountsByKey(bool acknowledgedOnly)
    {
        lock (_lock)
        {
            return new Dictionary<AlertVersionKey, int>(acknowledgedOnly ? _acknowledgedByKey : _byKey);
        }
    }

    /// <summary>Whether every id has arrived (acknowledged or not).</summary>
    public bool ContainsAll(IReadOnlyCollection<string> ids)
    {
        lock (_lock)
        {
            return ids.All(_byId.ContainsKey);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _events.Clear();
            _rejected.Clear();
            _requests.Clear();
            _byId.Clear();
            _acknowledgedById.Clear();
            _byKey.Clear();
            _acknowledgedByKey.Clear();
            _acknowledged = 0;
            _eventCount = 0;
            _requestCount = 0;
        }
    }

    private List<T> Copy<T>(List<T> source)
    {
        lock (_lock)
        {
            return [.. source];
        }
    }

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
