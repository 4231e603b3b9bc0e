namespace S1IdentityK8s.Benchmarks.Measurement;

/// <summary>
/// CPU spent during one measured window by a process under test, by this process (the emulators and
/// anything else the harness runs), and by the whole machine, so every figure can say what else ran.
/// </summary>
public sealed class CpuWindow
{
    private readonly int? _pid;
    private readonly ProcessStats? _subjectStart;
    private readonly ProcessStats _selfStart;
    private readonly MachineCpu _machineStart;
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

    private CpuWindow(int? pid)
    {
        _pid = pid;
        _subjectStart = pid is { } p ? ProcessStats.Read(p) : null;
        _selfStart = ProcessStats.Self();
        _machineStart = MachineCpu.Read();
    }

    /// <summary>Starts a window now; <paramref name="pid"/> is the process under test, if any.</summary>
    public static CpuWindow Start(int? pid) => new(pid);

    /// <summary>Ends the window: the CPU each party spent since <see cref="Start"/>.</summary>
    public CpuUsage Stop()
    {
        var wall = System.Diagnostics.Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var subject = _pid is { } p ? ProcessStats.Read(p).CpuSeconds - _subjectStart!.CpuSeconds : 0;
        var self = ProcessStats.Self().CpuSeconds - _selfStart.CpuSeconds;
        var machine = MachineCpu.Read();
        return new CpuUsage(wall, subject, self, machine.BusySeconds - _machineStart.BusySeconds,
            machine.TotalSeconds - _machineStart.TotalSeconds);
    }
}

/// <summary>CPU seconds spent in one window.</summary>
/// <param name="WallSeconds">The window's length.</param>
/// <param name="SubjectSeconds">By the process under test (0 when there is none).</param>
/// <param name="HarnessSeconds">By the benchmark process: the emulators, and the harness's own bookkeeping.</param>
/// <param name="MachineBusySeconds">By every process on the machine.</param>
/// <param name="MachineTotalSeconds">Capacity of the window: wall time × cores.</param>
public sealed record CpuUsage(double WallSeconds, double SubjectSeconds, double HarnessSeconds, double MachineBusySeconds, double MachineTotalSeconds)
{
    /// <summary>Busy CPU of processes outside the benchmark (other builds on a shared machine).</summary>
    public double OthersSeconds => Math.Max(0, MachineBusySeconds - SubjectSeconds - HarnessSeconds);

    /// <summary>The harness's share of what the subject and the harness spent together.</summary>
    public double HarnessShare => SubjectSeconds + HarnessSeconds > 0 ? HarnessSeconds / (SubjectSeconds + HarnessSeconds) : 0;

    /// <summary>Busy share of the machine's whole capacity.</summary>
    public double MachineBusyShare => MachineTotalSeconds > 0 ? MachineBusySeconds / MachineTotalSeconds : 0;
}
