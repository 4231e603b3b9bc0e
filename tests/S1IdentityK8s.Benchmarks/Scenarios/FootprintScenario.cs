using System.Text.Json.Nodes;
using S1IdentityK8s.Benchmarks.Collector;
using S1IdentityK8s.Benchmarks.Harness;
using S1IdentityK8s.Benchmarks.Measurement;
using S1IdentityK8s.Benchmarks.Reporting;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Benchmarks.Scenarios;

/// <summary>
/// Per-intake footprint of an idle collector (an empty tenant, default settings): process start → health
/// SERVING, RSS after the idle window, CPU over the next one; and the image sizes of <c>make images</c>.
/// </summary>
public sealed class FootprintScenario : IScenario
{
    private const string Title = "Per-intake footprint";

    public string Name => "footprint";

    public async Task RunAsync(BenchContext context)
    {
        await StartupAsync(context);
        await IdleAsync(context);
        Images(context);
    }

    private async Task StartupAsync(BenchContext context)
    {
        var samples = new List<double>();
        for (var i = 0; i < context.Profile.StartupSamples; i++)
        {
            await using var emulators = await BenchEmulators.StartAsync(0, TimeSpan.Zero);
            await using var collector = CollectorUnderTest.Start(context.Collector, emulators, context.NewDirectory($"{Name}-start"), 10);
            samples.Add((await collector.WaitForServingAsync(TimeSpan.FromMinutes(1))).TotalMilliseconds);
        }
        var sorted = samples.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        context.Record(Name, "start to SERVING", new { samplesMs = samples, medianMs = median });
        context.Log(FormattableString.Invariant($"{Name}: start → SERVING {string.Join(", ", samples.Select(s => s.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} ms, median {median:0} ms"));
        context.Figures.Add(new Figure
        {
            Id = "footprint.start-to-serving",
            Scenario = Title,
            Name = FormattableString.Invariant($"process start → gRPC health SERVING (median of {samples.Count})"),
            Measured = new Quantity("collector", median, "ms"),
            Target = Target.ValueAtMost(300, "ms"),
            Note = FormattableString.Invariant(
                $"from just before the fork (`{Path.GetFileName(context.Collector.Binary)} --config ...`) to the first Health/Check answering SERVING, polled every 5 ms; samples {string.Join(", ", samples.Select(s => s.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} ms; load average {MachineInfo.LoadAverage():0.0}."),
        });
    }

    private async Task IdleAsync(BenchContext context)
    {
        var window = context.Profile.IdleWindow;
        await using var emulators = await BenchEmulators.StartAsync(0, TimeSpan.Zero);
        await using var collector = CollectorUnderTest.Start(context.Collector, emulators, context.NewDirectory($"{Name}-idle"), 10);
        await collector.WaitForServingAsync(TimeSpan.FromMinutes(1));
        context.Log(FormattableString.Invariant($"{Name}: idle for {window.TotalSeconds:0} s, then CPU over {window.TotalSeconds:0} s"));
        await Task.Delay(window);
        var afterIdle = ProcessStats.Read(collector.Process.Id);
        var cpu = CpuWindow.Start(collector.Process.Id);
        await Task.Delay(window);
        var usage = cpu.Stop();
        var millicores = usage.SubjectSeconds / usage.WallSeconds * 1000;
        context.Record(Name, "idle", new { rssAfterIdleBytes = afterIdle.RssBytes, peakRssBytes = afterIdle.PeakRssBytes, cpu = usage, uamRequests = emulators.Uam.RequestCount });
        context.Log(FormattableString.Invariant($"  RSS {afterIdle.RssBytes / 1e6:0.0} MB, idle CPU {millicores:0.00} millicores"));
        context.Figures.Add(new Figure
        {
            Id = "footprint.idle-rss",
            Scenario = Title,
            Name = FormattableString.Invariant($"RSS after {window.TotalSeconds:0} s idle"),
            Measured = new Quantity("collector", afterIdle.RssBytes / 1e6, "MB"),
            Target = Target.ValueAtMost(40, "MB"),
            Note = FormattableString.Invariant($"VmRSS of an idle collector (empty tenant, default 60 s poll interval); its peak so far (VmHWM) was {afterIdle.PeakRssBytes / 1e6:0.0} MB."),
        });
        context.Figures.Add(new Figure
        {
            Id = "footprint.idle-cpu",
            Scenario = Title,
            Name = FormattableString.Invariant($"idle CPU over {window.TotalSeconds:0} s"),
            Measured = new Quantity("collector", millicores, "millicores"),
            Target = Target.ValueAtMost(2, "millicores"),
            Note = FormattableString.Invariant($"{usage.SubjectSeconds:0.00} CPU-s in {usage.WallSeconds:0.0} s, measured after the first idle window (start-up excluded), with {emulators.Uam.RequestCount} UAM requests in total (poll cycles). /proc counts CPU in 10 ms ticks: 1 tick over 60 s is 0.17 millicores."),
        });
    }

    private static void Images(BenchContext context)
    {
        var path = Path.Combine(RepositoryPaths.Root, "artifacts", "images", "images.json");
        if (!File.Exists(path))
        {
            context.Figures.Add(new Figure
            {
                Id = "footprint.images",
                Scenario = Title,
                Name = "image sizes",
                Measured = new Quantity("collector image", null, "MB"),
                Note = "artifacts/images/images.json is missing: run `make images` before `make bench` to report the image sizes (not built by the benchmark).",
            });
            return;
        }
        foreach (var image in JsonNode.Parse(File.ReadAllText(path))!.AsArray())
        {
            var reference = image!["reference"]!.GetValue<string>();
            var name = reference.Split('/')[^1].Split(':')[0];
            context.Figures.Add(new Figure
            {
                Id = $"footprint.image.{name}",
                Scenario = Title,
                Name = $"image size: {name}",
                Measured = new Quantity(reference, image["size"]!.GetValue<long>() / 1e6, "MB"),
                Note = $"archive size from artifacts/images/images.json (`make images`), manifest {image["manifestDigest"]?.GetValue<string>()}.",
            });
        }
    }
}
