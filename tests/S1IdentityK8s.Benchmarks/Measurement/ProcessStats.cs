using System.Globalization;

namespace S1IdentityK8s.Benchmarks.Measurement;

/// <summary>
/// One reading of a Linux process from <c>/proc/PID/stat</c> and <c>/proc/PID/status</c>: CPU time (user +
/// system, children excluded), resident memory now (<c>VmRSS</c>) and its peak (<c>VmHWM</c>).
/// </summary>
/// <param name="Pid">The process.</param>
/// <param name="CpuSeconds">utime + stime so far, in seconds.</param>
/// <param name="RssBytes">VmRSS.</param>
/// <param name="PeakRssBytes">VmHWM: the highest RSS since the process started.</param>
public sealed record ProcessStats(int Pid, double CpuSeconds, long RssBytes, long PeakRssBytes)
{
    /// <summary>Clock ticks per second of <c>/proc</c> times (USER_HZ); 100 on every Linux we run on.</summary>
    public const double TicksPerSecond = 100;

    /// <summary>The process's figures now; throws <see cref="IOException"/> when it no longer exists.</summary>
    public static ProcessStats Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 (utime, stime) are at 11 and 12 once the first two are cut off.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }
        return new ProcessStats(pid, ticks / TicksPerSecond, rss, peak);
    }

    /// <summary>This process's figures.</summary>
    public static ProcessStats Self() => Read(Environment.ProcessId);

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
