using System.Globalization;
using System.Runtime.InteropServices;

namespace S1IdentityK8s.Benchmarks.Measurement;

/// <summary>What the figures were measured on: CPU, cores, memory, kernel, runtime and load.</summary>
public sealed record MachineInfo
{
    /// <summary>The CPU model name from <c>/proc/cpuinfo</c>.</summary>
    public required string CpuModel { get; init; }

    /// <summary>Logical cores this process may use.</summary>
    public required int Cores { get; init; }

    /// <summary>Installed memory, MiB.</summary>
    public required long MemoryMiB { get; init; }

    /// <summary>Available memory when the run started, MiB.</summary>
    public required long AvailableMemoryMiB { get; init; }

    /// <summary>The kernel release (<c>uname -r</c>).</summary>
    public required string Kernel { get; init; }

    /// <summary>The operating system (<c>PRETTY_NAME</c> of <c>/etc/os-release</c>).</summary>
    public required string OperatingSystem { get; init; }

    /// <summary>The .NET runtime running the harness.</summary>
    public required string Runtime { get; init; }

    /// <summary>The 1-minute load average when the run started.</summary>
    public required double LoadAverageAtStart { get; init; }

    /// <summary>Reads this machine.</summary>
    public static MachineInfo Read() => new()
    {
        CpuModel = Field("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Cores = Environment.ProcessorCount,
        MemoryMiB = Kilobytes("MemTotal") / 1024,
        AvailableMemoryMiB = Kilobytes("MemAvailable") / 1024,
        Kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription,
        OperatingSystem = Field("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
        Runtime = RuntimeInformation.FrameworkDescription,
        LoadAverageAtStart = LoadAverage(),
    };

    /// <summary>The 1-minute load average now.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static long Kilobytes(string name) =>
        long.Parse(Field("/proc/meminfo", name, ':')?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0] ?? "0", CultureInfo.InvariantCulture);

    private static string? Field(string path, string name, char separator) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.StartsWith(name, StringComparison.Ordinal) && l.Contains(separator, StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf(separator, StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
            : null;
}
