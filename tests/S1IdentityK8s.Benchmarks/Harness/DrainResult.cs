using S1IdentityK8s.Benchmarks.Measurement;

namespace S1IdentityK8s.Benchmarks.Harness;

/// <summary>
/// How one pattern drained a backlog: alerts the intake acknowledged, over the time from UAM's first answer
/// to the last acknowledgement, and the CPU each party spent meanwhile.
/// </summary>
/// <param name="Target">Alerts in the backlog (or the count waited for).</param>
/// <param name="Acknowledged">Events the intake acknowledged by the end of the window.</param>
/// <param name="DistinctAlerts">Distinct alert ids among them (less than <paramref name="Acknowledged"/> means duplicates).</param>
/// <param name="ElapsedSeconds">From UAM's first answer to the last acknowledgement.</param>
/// <param name="Completed">Whether every alert of <paramref name="Target"/> was acknowledged (false: time-boxed or timed out).</param>
/// <param name="FirstAnswerSeconds">From the pattern's process start to UAM's first answer (startup, not counted in the rate).</param>
/// <param name="Cpu">CPU spent between UAM's first answer and the end of the window.</param>
public sealed record DrainResult(
    int Target, int Acknowledged, int DistinctAlerts, double ElapsedSeconds, bool Completed, double FirstAnswerSeconds, CpuUsage Cpu)
{
    /// <summary>Acknowledged alerts per second of <see cref="ElapsedSeconds"/>.</summary>
    public double AlertsPerSecond => ElapsedSeconds > 0 ? Acknowledged / ElapsedSeconds : 0;

    /// <summary>CPU seconds of the process under test per 10,000 acknowledged alerts.</summary>
    public double SubjectCpuSecondsPer10k => Acknowledged > 0 ? Cpu.SubjectSeconds * 10_000 / Acknowledged : 0;
}
