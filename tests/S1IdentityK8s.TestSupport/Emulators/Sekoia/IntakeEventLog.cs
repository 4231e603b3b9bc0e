namespace S1IdentityK8s.TestSupport.Emulators.Sekoia;

/// <summary>
/// Everything the intake recorded, with per-id and per-version counts kept up to date on arrival so
/// tests can compute lost and duplicated alerts cheaply. One lock: a request's events and its record
/// appear together.
/// </summary>
internal sealed class IntakeEventLog
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

    public int EventCount
    {
        get { lock (_lock) { return _events.Count; } }
    }

    public int AcknowledgedCount
    {
        get { lock (_lock) { return _acknowledged; } }
    }

    public int RequestCount
    {
        get { lock (_lock) { return _requests.Count; } }
    }

    public void Add(IntakeRequestRecord request, IEnumerable<IntakeEvent> accepted, IEnumerable<IntakeEvent> rejected)
    {
        lock (_lock)
        {
            ArrivalOrder.Insert(_requests, request, r => r.Number);
            foreach (var e in accepted)
            {
                _events.Add(e with { Sequence = _events.Count + 1 });
                Increment(_byKey, e.Key);
                if (e.AlertId is not null)
                {
                    Increment(_byId, e.AlertId);
                }
                if (e.Acknowledged)
                {
                    _acknowledged++;
                    Increment(_acknowledgedByKey, e.Key);
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
