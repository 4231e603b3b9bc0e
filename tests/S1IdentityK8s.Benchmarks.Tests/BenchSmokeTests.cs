using System.Text.Json.Nodes;
using System.Xml.Linq;
using S1IdentityK8s.Benchmarks.Harness;
using S1IdentityK8s.Benchmarks.Reporting;
using S1IdentityK8s.TestSupport.Kubernetes;
using Xunit.Abstractions;

namespace S1IdentityK8s.Benchmarks.Tests;

/// <summary>
/// `make bench --quick` end to end: the real collector and operator binaries, the emulators and the local
/// control plane, at the smoke profile's sizes. It asserts the report's shape, never a performance figure.
/// </summary>
public sealed class BenchSmokeTests(ITestOutputHelper output) : IDisposable
{
    // Every figure the issue asks for, by the id it has in results.json.
    private static readonly string[] ExpectedFigures =
    [
        "round-trip.10ms", "round-trip.50ms", "round-trip.200ms",
        "throughput.ratio", "throughput.cpu-per-10k", "throughput.emulator-share",
        "faults.0ms", "faults.50ms",
        "memory.peak-rss-large", "memory.peak-rss-ratio",
        "footprint.start-to-serving", "footprint.idle-rss", "footprint.idle-cpu",
        "operator.apply-at-once", "operator.steady-writes", "operator.rss", "operator.start-to-first-reconcile",
    ];

    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("s1k8s-bench-smoke-");

    [LocalControlPlaneFact]
    public async Task RunAsync_SmokeProfile_WritesEveryFigureWithMachineCommitAndChart()
    {
        using var log = new TestOutputWriter(output);

        var results = await BenchRunner.RunAsync(BenchOptions.Parse(["--quick", "--output", _output.FullName]), log);

        Assert.Empty(results.Errors);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_output.FullName, "results.json")))!;
        Assert.Equal("smoke", json["profile"]!.GetValue<string>());
        Assert.True(json["machine"]!["cores"]!.GetValue<int>() > 0);
        Assert.False(string.IsNullOrEmpty(json["machine"]!["cpuModel"]!.GetValue<string>()));
        Assert.Matches("^[0-9a-f]{40}$", json["revision"]!["commit"]!.GetValue<string>());
        var figures = json["figures"]!.AsArray().Select(f => f!.AsObject()).ToList();
        Assert.Equal(ExpectedFigures, figures.Select(f => f["id"]!.GetValue<string>()).Where(ExpectedFigures.Contains));
        foreach (var figure in figures.Where(f => ExpectedFigures.Contains(f["id"]!.GetValue<string>())))
        {
            var id = figure["id"]!.GetValue<string>();
            Assert.True(figure["measured"]!["value"] is JsonValue v && double.IsFinite(v.GetValue<double>()), $"{id} has no measured value");
            Assert.True(figure["target"] is null || figure["pass"] is JsonValue, $"{id} has a target but no pass/fail");
        }
        Assert.Equal([10, 50, 200], json["roundTrip"]!.AsArray().Select(p => p!["roundTripMs"]!.GetValue<int>()));

        var markdown = await File.ReadAllTextAsync(Path.Combine(_output.FullName, "results.md"));
        Assert.Contains(results.Revision.Commit[..12], markdown, StringComparison.Ordinal);
        Assert.Contains(results.Machine.CpuModel, markdown, StringComparison.Ordinal);
        Assert.All(results.Figures, f => Assert.Contains(f.Name, markdown, StringComparison.Ordinal));
        Assert.Contains($"]({MarkdownReport.ChartFile})", markdown, StringComparison.Ordinal);

        var svg = XDocument.Load(Path.Combine(_output.FullName, MarkdownReport.ChartFile));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Equal(2, svg.Descendants().Count(e => e.Name.LocalName == "polyline"));
    }

    public void Dispose() => _output.Delete(recursive: true);
}
