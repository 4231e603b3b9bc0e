namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// Versions planned by a pipeline run and not yet committed by its caller, so a page listed ahead never
/// plans again what an earlier page still has in flight. Safe for concurrent use; bounded by the run's
/// pages in flight.
/// </summary>
public sealed class InFlightKeys
{
    private readonly Lock _gate = new();
    private readonly HashSet<(string Id, long UpdatedAtMs)> _keys = [];

    /// <summary>How many versions are in flight.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _keys.Count;
            }
        }
    }

    /// <summary>Whether this version is in flight.</summary>
    public bool Contains(string id, long updatedAtMs)
    {
        lock (_gate)
        {
            return _keys.Contains((id, updatedAtMs));
        }
    }

    /// <summary>Marks versions in flight.</summary>
    public void Add(IEnumerable<PlannedAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        lock (_gate)
        {
            foreach (var alert in alerts)
            {
                _keys.Add((alert.Id, alert.UpdatedAtMs));
            }
        }
    }

    /// <summary>Forgets versions the caller has committed.</summary>
    public void Remove(IEnumerable<(string Id, long UpdatedAtMs)> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                _keys.Remove(key);
            }
        }
    }
}
