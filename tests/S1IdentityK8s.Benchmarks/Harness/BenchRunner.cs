using System.Diagnostics;
using S1IdentityK8s.Benchmarks.Collector;
using S1IdentityK8s.Benchmarks.Measurement;
using S1IdentityK8s.Benchmarks.Reporting;
using S1IdentityK8s.Benchmarks.Scenarios;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Benchmarks.Harness;

/// <summary>
/// Runs the whole-system scenarios one after the other (never two at once: they would compete for the
/// cores), then writes <c>results.json</c>, <c>results.md</c> and the chart. A scenario that fails is
/// reported as such; the others still run.
/// </summary>
public static class BenchRunner
{
    /// <summary>Every scenario, in the order they run.</summary>
    public static IReadOnlyList<IScenario> Scenarios { get; } =
        [new RoundTripScenario(), new ThroughputScenario(), new FaultsScenario(), new MemoryScenario(), new FootprintScenario(), new OperatorScaleScenario()];

    /// <summary>Runs and writes the results; returns them.</summary>
    public static async Task<BenchResults> RunAsync(BenchOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        var selected = options.Only.Count == 0 ? Scenarios : Scenarios.Where(s => options.Only.Contains(s.Name)).ToList();
        if (selected.Count == 0)
        {
            throw new ArgumentException($"no scenario named {string.Join(", ", options.Only)} (known: {string.Join(", ", Scenarios.Select(s => s.Name))})");
        }
        var output = options.OutputDirectory ?? Path.Combine(RepositoryPaths.Root, "docs", "benchmarks");
        var started = DateTimeOffset.UtcNow;
        var timer = Stopwatch.StartNew();
        var machine = MachineInfo.Read();
        var revision = await SourceRevision.ReadAsync(RepositoryPaths.Root);
        var collector = options.Collector switch
        {
            CollectorChoice.Published => CollectorCommand.Published(),
            CollectorChoice.Build => CollectorCommand.Build(),
            _ => CollectorCommand.Default(),
        };
        var work = Directory.CreateTempSubdirectory("s1k8s-bench-").FullName;
        var context = new BenchContext(options.Profile, collector, work, log);
        context.Log($"profile {options.Profile.Name}, commit {revision.Commit}{(revision.Dirty ? " (dirty)" : "")}, collector {collector.Binary}");
        context.Log($"{machine.CpuModel}, {machine.Cores} cores, {machine.MemoryMiB} MiB, load average {machine.LoadAverageAtStart}");
        try
        {
            foreach (var scenario in selected)
            {
                try
                {
                    await scenario.RunAsync(context);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    context.Errors.Add($"{scenario.Name}: {e.GetType().Name}: {e.Message}");
                    context.Log($"{scenario.Name} FAILED: {e}");
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException e)
            {
                context.Log($"could not remove {work}: {e.Message}");
            }
        }

        var results = new BenchResults
        {
            Date = started,
            DurationSeconds = Math.Round(timer.Elapsed.TotalSeconds, 1),
            Profile = options.Profile.Name,
            Machine = machine,
            LoadAverageAtEnd = MachineInfo.LoadAverage(),
            Revision = revision,
            CollectorBinary = Path.GetRelativePath(RepositoryPaths.Root, collector.Binary),
            Figures = context.Figures,
            RoundTrip = context.RoundTrip,
            Runs = context.Runs,
            Errors = context.Errors,
        };
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "results.json"), results.ToJson() + "\n");
        await File.WriteAllTextAsync(Path.Combine(output, "results.md"), MarkdownReport.Render(results));
        await File.WriteAllTextAsync(Path.Combine(output, MarkdownReport.ChartFile), RoundTripChart.Render(results.RoundTrip,
            $"{machine.CpuModel}, {machine.Cores} cores, commit {revision.Commit[..Math.Min(12, revision.Commit.Length)]}, {started:yyyy-MM-dd}"));
        context.Log($"results in {output}: {results.Figures.Count(f => f.Pass == true)} targets met, {results.Figures.Count(f => f.Pass == false)} missed, {results.Errors.Count} scenario errors");
        return results;
    }
}
