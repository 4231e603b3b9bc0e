using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Benchmarks.Patterns;

/// <summary>
/// A comparison pattern in a process of its own (this benchmark's binary, <c>pattern ...</c>): its CPU is
/// then measured apart from the emulators', exactly like the collector's.
/// </summary>
public static class PatternProcess
{
    /// <summary>Starts <paramref name="kind"/> with <paramref name="settings"/>; the caller disposes the process.</summary>
    public static ChildProcess Start(PatternKind kind, PatternSettings settings)
    {
        var dll = typeof(PatternProcess).Assembly.Location;
        return new ChildProcess(CollectorBinary.DotnetHost, [dll, "pattern", kind.ToString().ToLowerInvariant(), .. settings.ToArguments()]);
    }
}
