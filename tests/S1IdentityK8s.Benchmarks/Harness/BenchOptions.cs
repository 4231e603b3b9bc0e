namespace S1IdentityK8s.Benchmarks.Harness;

/// <summary>
/// The whole-system runner's command line: <c>[--profile full|smoke | --quick] [--output DIR] [--only a,b]
/// [--collector published|build]</c> (<c>--quick</c> is <c>--profile smoke</c>).
/// </summary>
public sealed record BenchOptions
{
    /// <summary>Sizes and durations. Defaults to <see cref="BenchProfile.Full"/>.</summary>
    public BenchProfile Profile { get; init; } = BenchProfile.Full;

    /// <summary>Where results.md, results.json and the chart go. Defaults to the repository's docs/benchmarks.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>The scenarios to run, by name; empty runs all. Defaults to empty.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>Which collector binary to measure. Defaults to <see cref="CollectorChoice.Default"/>.</summary>
    public CollectorChoice Collector { get; init; } = CollectorChoice.Default;

    /// <summary>Reads the command line; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> arguments)
    {
        var options = new BenchOptions();
        for (var i = 0; i < arguments.Count; i++)
        {
            string Value() => i + 1 < arguments.Count ? arguments[++i] : throw new ArgumentException($"{arguments[i]} needs a value");
            options = arguments[i] switch
            {
                "--profile" => options with
                {
                    Profile = Value() switch
                    {
                        "full" => BenchProfile.Full,
                        "smoke" => BenchProfile.Smoke,
                        var other => throw new ArgumentException($"unknown profile '{other}' (full or smoke)"),
                    },
                },
                "--quick" => options with { Profile = BenchProfile.Smoke },
                "--output" => options with { OutputDirectory = Path.GetFullPath(Value()) },
                "--only" => options with { Only = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--collector" => options with
                {
                    Collector = Value() switch
                    {
                        "published" => CollectorChoice.Published,
                        "build" => CollectorChoice.Build,
                        var other => throw new ArgumentException($"unknown collector '{other}' (published or build)"),
                    },
                },
                var other => throw new ArgumentException($"unknown argument '{other}'"),
            };
        }
        return options;
    }
}
