using System.Text.Json.Nodes;

namespace S1IdentityK8s.TestSupport.Fixtures;

/// <summary>
/// The real sample alerts (see <c>tests/fixtures/sentinelone-identity/README.md</c>) and realistic alerts
/// generated from them. Every call returns fresh objects: callers may mutate them.
/// </summary>
public static class AlertFixtures
{
    /// <summary>Size above which the intake refuses an event: 250 KiB.</summary>
    public const int MaxEventBytes = 250 * 1024;

    private static readonly Lazy<List<(string Name, string Json)>> Files = new(ReadFiles);

    /// <summary>The sample file names (e.g. <c>alert_16.json</c>), in ordinal order.</summary>
    public static IReadOnlyList<string> SampleNames => Files.Value.Select(f => f.Name).ToList();

    /// <summary>Every sample, parsed, in <see cref="SampleNames"/> order.</summary>
    public static IReadOnlyList<JsonObject> LoadSamples() => Files.Value.Select(f => Parse(f.Json)).ToList();

    /// <summary>One sample by file name; throws <see cref="KeyNotFoundException"/> for an unknown name.</summary>
    public static JsonObject Load(string fileName) =>
        Parse(Files.Value.FirstOrDefault(f => f.Name == fileName).Json
            ?? throw new KeyNotFoundException($"no sample alert '{fileName}' in {FixturePaths.SampleAlertsDirectory}"));

    /// <summary>
    /// <paramref name="count"/> alerts cloned from the samples round-robin, sorted by <c>detectedAt</c>, which is
    /// spread over [<paramref name="from"/>, <paramref name="to"/>) with deliberate millisecond ties. Each has a
    /// fresh unique id, <c>createdAt</c> and <c>updatedAt</c> in [detectedAt, to), a <c>severity</c>, and every
    /// detail field. The same arguments give the same alerts.
    /// </summary>
    public static IReadOnlyList<JsonObject> Generate(int count, DateTimeOffset from, DateTimeOffset to, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var fromMs = from.ToUnixTimeMilliseconds();
        var toMs = to.ToUnixTimeMilliseconds();
        if (toMs <= fromMs)
        {
            throw new ArgumentException($"empty window [{from:O}, {to:O})", nameof(to));
        }
        var synthesizer = new AlertSynthesizer(seed, toMs);
        var samples = LoadSamples();
        var times = synthesizer.DetectionTimes(count, fromMs);
        return times.Select((t, i) => synthesizer.Create(samples[i % samples.Count], t)).ToList();
    }

    /// <summary>
    /// One generated alert detected at <paramref name="detectedAt"/> whose serialised form exceeds
    /// <paramref name="minBytes"/> (default: just over 250 KiB) through a huge <c>description</c>.
    /// </summary>
    public static JsonObject Oversize(DateTimeOffset detectedAt, int seed = 0, int minBytes = MaxEventBytes + 1024)
    {
        var alert = Generate(1, detectedAt, detectedAt.AddMilliseconds(1), seed)[0];
        alert["description"] = "Oversize test alert. " + new string('x', minBytes);
        return alert;
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static List<(string Name, string Json)> ReadFiles()
    {
        var directory = FixturePaths.SampleAlertsDirectory;
        return Directory.GetFiles(directory, "alert_*.json")
            .Select(path => (Name: Path.GetFileName(path), Json: File.ReadAllText(path)))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }
}
