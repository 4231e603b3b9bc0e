namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>
/// The faults an emulator injects, changeable at any time from any thread: a fixed latency per request,
/// a queue of scripted faults for the next requests, and a seeded random failure ratio behind it.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock _lock = new();
    private readonly Queue<ScriptedFault> _scripted = new();
    private TimeSpan _latency;
    private Random? _random;
    private double _ratio;
    private IReadOnlyList<ScriptedFault> _randomFaults = [ScriptedFault.ServiceUnavailable()];
    private int _injected;

    /// <summary>Delay added before each request is answered. Defaults to zero.</summary>
    public TimeSpan Latency
    {
        get { lock (_lock) { return _latency; } }
        set { lock (_lock) { _latency = value; } }
    }

    /// <summary>Scripted faults not yet served.</summary>
    public int PendingCount
    {
        get { lock (_lock) { return _scripted.Count; } }
    }

    /// <summary>Faults served so far (scripted and random).</summary>
    public int InjectedCount => Volatile.Read(ref _injected);

    /// <summary>The next requests get these faults, one each, in order; then behaviour returns to normal.</summary>
    public void Enqueue(params ScriptedFault[] faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        lock (_lock)
        {
            foreach (var fault in faults)
            {
                _scripted.Enqueue(fault);
            }
        }
    }

    /// <summary>The next <paramref name="times"/> requests get <paramref name="fault"/>.</summary>
    public void Enqueue(ScriptedFault fault, int times) => Enqueue(Enumerable.Repeat(fault, times).ToArray());

    /// <summary>
    /// Once the script is empty, each request fails with probability <paramref name="ratio"/>, drawn from a
    /// <see cref="Random"/> seeded with <paramref name="seed"/>; <paramref name="fault"/> defaults to 503.
    /// </summary>
    public void FailRandomly(double ratio, int seed, ScriptedFault? fault = null) =>
        FailRandomly(ratio, seed, [fault ?? ScriptedFault.ServiceUnavailable()]);

    /// <summary>As above, each failing request getting one of <paramref name="faults"/>, drawn from the same seeded source.</summary>
    public void FailRandomly(double ratio, int seed, IReadOnlyList<ScriptedFault> faults)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ratio, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ratio, 1);
        ArgumentOutOfRangeException.ThrowIfZero(faults.Count);
        lock (_lock)
        {
            _ratio = ratio;
            _random = new Random(seed);
            _randomFaults = [.. faults];
        }
    }

    /// <summary>Removes latency, scripted faults and random failures.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _scripted.Clear();
            _latency = TimeSpan.Zero;
            _random = null;
            _ratio = 0;
        }
    }

    /// <summary>The fault for the request arriving now, or null to serve it normally.</summary>
    internal ScriptedFault? Next()
    {
        lock (_lock)
        {
            ScriptedFault? fault = null;
            if (_scripted.Count > 0)
            {
                fault = _scripted.Dequeue();
            }
            else if (_random is not null && _random.NextDouble() < _ratio)
            {
                fault = _randomFaults[_randomFaults.Count == 1 ? 0 : _random.Next(_randomFaults.Count)];
            }
            if (fault is not null)
            {
                _injected++;
            }
            return fault;
        }
    }
}
