namespace S1IdentityK8s.Benchmarks.Harness;

/// <summary>
/// The sizes and durations of one run: <see cref="Full"/> for <c>make bench</c> (figures worth reading,
/// ~15–20 minutes on 2 cores), <see cref="Smoke"/> for the test that proves the harness works end to end
/// (every scenario at a tiny size; its figures mean nothing).
/// </summary>
public sealed record BenchProfile
{
    /// <summary>The profile's name, written into the results.</summary>
    public required string Name { get; init; }

    /// <summary>UAM round-trip times injected by the emulator, ms.</summary>
    public IReadOnlyList<int> RoundTripLatenciesMs { get; init; } = [10, 50, 200];

    /// <summary>The request budget of both patterns in the round-trip scenario (Sekoia's connector: 25/s).</summary>
    public double RoundTripRequestsPerSecond { get; init; } = 25;

    /// <summary>
    /// Alerts offered to the collector per round-trip run: more than it can move in
    /// <see cref="RoundTripCollectorWindow"/> (its budget bound is 25 × 500 / 11 ≈ 1,136 alerts/s).
    /// </summary>
    public int RoundTripCollectorBacklog { get; init; } = 30_000;

    /// <summary>How long each collector round-trip run is measured (from UAM's first answer).</summary>
    public TimeSpan RoundTripCollectorWindow { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Alerts the reference pattern drains per latency, whole pages of UAM's default 100, sized so each run
    /// lasts about 20 s (it moves at most 25 alerts/s, ~5 at 200 ms).
    /// </summary>
    public IReadOnlyDictionary<int, int> RoundTripReferenceAlerts { get; init; } = new Dictionary<int, int> { [10] = 500, [50] = 400, [200] = 100 };

    /// <summary>Alerts drained with and without faults at the unbounded budget in the faults scenario.</summary>
    public int FaultAlerts { get; init; } = 30_000;

    /// <summary>Alerts drained by the collector and by the relay in the throughput scenario.</summary>
    public int ThroughputAlerts { get; init; } = 200_000;

    /// <summary>
    /// The request budget of the throughput and memory scenarios: the collector's maximum, 100/s (its
    /// configuration refuses more), so as close to unlimited as it goes; the relay gets the same.
    /// </summary>
    public double UnboundedRequestsPerSecond { get; init; } = 100;

    /// <summary>The small and large backlogs whose peak RSS are compared.</summary>
    public (int Small, int Large) MemoryBacklogs { get; init; } = (100_000, 1_000_000);

    /// <summary>How long any one drain may take before it is reported as incomplete.</summary>
    public TimeSpan MaxDrain { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Idle time before the collector's RSS is read, and the window its idle CPU is measured over.</summary>
    public TimeSpan IdleWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Process starts timed to health SERVING (the median is reported).</summary>
    public int StartupSamples { get; init; } = 7;

    /// <summary>Intakes applied at once in the operator scenario.</summary>
    public int OperatorIntakes { get; init; } = 500;

    /// <summary>Concurrent requests of the client that applies intakes and of the plain-client baseline (the operator's worker count).</summary>
    public int OperatorClientConcurrency { get; init; } = 4;

    /// <summary>The steady-state window in which the operator's writes are counted.</summary>
    public TimeSpan OperatorSteadyWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the operator may take to reconcile every intake before the scenario fails.</summary>
    public TimeSpan OperatorTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>What <c>make bench</c> runs.</summary>
    public static BenchProfile Full { get; } = new() { Name = "full" };

    /// <summary>Every scenario at a tiny size, for the smoke test in <c>make test</c>.</summary>
    public static BenchProfile Smoke { get; } = new()
    {
        Name = "smoke",
        RoundTripCollectorBacklog = 1_000,
        // Long enough for a first page at 200 ms (a list request and its detail batches).
        RoundTripCollectorWindow = TimeSpan.FromSeconds(4),
        RoundTripReferenceAlerts = new Dictionary<int, int> { [10] = 6, [50] = 4, [200] = 2 },
        ThroughputAlerts = 2_000,
        FaultAlerts = 1_000,
        MemoryBacklogs = (1_000, 3_000),
        MaxDrain = TimeSpan.FromMinutes(3),
        IdleWindow = TimeSpan.FromSeconds(1),
        StartupSamples = 1,
        OperatorIntakes = 5,
        OperatorSteadyWindow = TimeSpan.FromSeconds(2),
        OperatorTimeout = TimeSpan.FromMinutes(3),
    };
}
