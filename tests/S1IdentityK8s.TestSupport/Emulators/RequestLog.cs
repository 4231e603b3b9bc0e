namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>
/// Thread-safe request records in arrival order, signalling waiters on every change. With
/// <c>keep</c> false only the count is kept (long benchmarks would otherwise hold every record).
/// </summary>
internal sealed class RequestLog<TRecord>(Func<TRecord, int> arrivalNumber, bool keep = true)
{
    private readonly Lock _lock = new();
    private readonly List<TRecord> _records = [];
    private int _uncounted;

    /// <summary>Fires after every <see cref="Add"/> and <see cref="Clear"/>.</summary>
    public ChangeSignal Signal { get; } = new();

    public int Count
    {
        get { lock (_lock) { return _records.Count + _uncounted; } }
    }

    public List<TRecord> Snapshot()
    {
        lock (_lock)
        {
            return [.. _records];
        }
    }

    public void Add(TRecord record)
    {
        lock (_lock)
        {
            if (keep)
            {
                ArrivalOrder.Insert(_records, record, arrivalNumber);
            }
            else
            {
                _uncounted++;
            }
        }
        Signal.Notify();
    }

    public void Clear()
    {
        lock (_lock)
        {
            _records.Clear();
            _uncounted = 0;
        }
        Signal.Notify();
    }
}
