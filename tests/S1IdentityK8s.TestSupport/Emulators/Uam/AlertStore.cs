using System.Text.Json.Nodes;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// The alerts the emulator serves, by id, with sorted indexes built lazily and dropped on every change:
/// bulk loads cost one sort, and queries between changes share the same snapshot.
/// </summary>
internal sealed class AlertStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredAlert> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AlertIndex> _indexes = new(StringComparer.Ordinal);

    public int Count
    {
        get { lock (_lock) { return _byId.Count; } }
    }

    private int _repeatedEdges;

    /// <summary>Edges served again on the page after the one they ended (<see cref="UamEmulatorOptions.InclusiveCursors"/>).</summary>
    public int RepeatedEdges => Volatile.Read(ref _repeatedEdges);

    public void CountRepeatedEdges(int count) => Interlocked.Add(ref _repeatedEdges, count);

    /// <summary>Adds or replaces alerts (by id); each is snapshotted, so callers may keep mutating theirs.</summary>
    public void Put(IEnumerable<JsonObject> alerts, long visibleFromMs) =>
        Put(alerts.Select(a => StoredAlert.Create(a, visibleFromMs)).ToList());

    /// <summary>Adds or replaces alerts already in stored form (by id).</summary>
    public void Put(IReadOnlyList<StoredAlert> stored)
    {
        lock (_lock)
        {
            _byId.EnsureCapacity(_byId.Count + stored.Count);
            foreach (var alert in stored)
            {
                _byId[alert.Id] = alert;
            }
            _indexes.Clear();
        }
    }

    /// <summary>Every alert as stored now (a copy of the list; the alerts themselves are immutable).</summary>
    public List<StoredAlert> Snapshot()
    {
        lock (_lock)
        {
            return [.. _byId.Values];
        }
    }

    public StoredAlert? Get(string id)
    {
        lock (_lock)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    /// <summary>Replaces one alert with <paramref name="change"/>'s result; throws when the id is unknown.</summary>
    public StoredAlert Update(string id, Func<StoredAlert, StoredAlert> change)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out var current))
            {
                throw new KeyNotFoundException($"no alert with id '{id}'");
            }
            var next = change(current);
            _byId[id] = next;
            _indexes.Clear();
            return next;
        }
    }

    public bool Remove(string id)
    {
        lock (_lock)
        {
            var removed = _byId.Remove(id);
            if (removed)
            {
                _indexes.Clear();
            }
            return removed;
        }
    }

    /// <summary>The current snapshot sorted by <paramref name="timeField"/>.</summary>
    public AlertIndex Index(string timeField)
    {
        lock (_lock)
        {
            if (!_indexes.TryGetValue(timeField, out var index))
            {
                index = new AlertIndex(_byId.Values, timeField);
                _indexes[timeField] = index;
            }
            return index;
        }
    }
}
