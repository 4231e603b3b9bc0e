using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using S1IdentityK8s.Benchmarks.Collector;
using S1IdentityK8s.Benchmarks.Reporting;

namespace S1IdentityK8s.Benchmarks.Harness;

/// <summary>What scenarios share during one run: the profile, a scratch folder, a log, and what they found.</summary>
public sealed class BenchContext(BenchProfile profile, CollectorCommand collector, string workDirectory, TextWriter log)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _directories;

    /// <summary>Sizes and durations.</summary>
    public BenchProfile Profile => profile;

    /// <summary>How every scenario starts the collector.</summary>
    public CollectorCommand Collector => collector;

    /// <summary>The figures found so far.</summary>
    public List<Figure> Figures { get; } = [];

    /// <summary>The chart's points found so far.</summary>
    public List<RoundTripPoint> RoundTrip { get; } = [];

    /// <summary>Raw measurements per run.</summary>
    public JsonArray Runs { get; } = [];

    /// <summary>Scenarios that failed, with why.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Writes a progress line with the time since the run started.</summary>
    public void Log(string message)
    {
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Stopwatch.GetElapsedTime(_started):hh\\:mm\\:ss}] {message}"));
        log.Flush();
    }

    /// <summary>A new empty folder for one run's files (config, state).</summary>
    public string NewDirectory(string name) =>
        Directory.CreateDirectory(Path.Combine(workDirectory, $"{Interlocked.Increment(ref _directories):00}-{name}")).FullName;

    /// <summary>Keeps one run's raw measurements (any serialisable value) under <paramref name="scenario"/>/<paramref name="run"/>.</summary>
    public void Record(string scenario, string run, object details) =>
        Runs.Add(new JsonObject
        {
            ["scenario"] = scenario,
            ["run"] = run,
            ["details"] = JsonSerializer.SerializeToNode(details, BenchResults.JsonOptions),
        });
}
