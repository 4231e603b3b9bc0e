namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>Thread-safe request records in arrival order, signalling waiters on every change.</summary>
internal sealed class RequestLog<TRecord>(Func<TRecord, int> arrivalNumber)
{
    private readonly Lock _lock = new();
    private readonly List<TRecord> _records = [];

    /// <summary>Fires after every <see cref="Add"/> and <see cref="Clear"/>.</summary>
    public ChangeSignal Signal { get; } = new();

    public int Count
    {
        get { lock (_lock) { return _records.Count; } }
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
            ArrivalOrder.Insert(_records, record, arrivalNumber);
        }
        Signal.Notify();
    }

    public void Clear()
    {
        lock (_lock)
        {
            _records.Clear();
        }
        Signal.Notify();
    }
}
