using System.Globalization;

namespace S1IdentityK8s.Benchmarks.Measurement;

/// <summary>
/// The whole machine's CPU time from <c>/proc/stat</c>: busy and total seconds summed over every core, so
/// that load from processes outside the benchmark shows in the results.
/// </summary>
/// <param name="BusySeconds">Every state but idle and iowait, over all cores.</param>
/// <param name="TotalSeconds">Every state, over all cores.</param>
public sealed record MachineCpu(double BusySeconds, double TotalSeconds)
{
    /// <summary>The counters now.</summary>
    public static MachineCpu Read()
    {
        var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        var ticks = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal
        var idle = ticks[3] + ticks[4];
        var total = ticks.Sum();
        return new MachineCpu((total - idle) / ProcessStats.TicksPerSecond, total / ProcessStats.TicksPerSecond);
    }
}
