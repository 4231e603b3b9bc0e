using System.Text.RegularExpressions;

namespace S1IdentityK8s.Monitoring.Tests.Dashboard;

/// <summary>The sample names of a Prometheus text exposition, each with the label names it carries.</summary>
internal static partial class ExposedMetrics
{
    /// <summary>Adds every sample of <paramref name="exposition"/> to <paramref name="metrics"/>.</summary>
    public static void AddTo(Dictionary<string, HashSet<string>> metrics, string exposition)
    {
        foreach (Match sample in Sample().Matches(exposition))
        {
            var labels = metrics.TryGetValue(sample.Groups["name"].Value, out var known) ? known : metrics[sample.Groups["name"].Value] = [];
            foreach (Match label in LabelName().Matches(sample.Groups["labels"].Value))
            {
                labels.Add(label.Groups[1].Value);
            }
        }
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? \S+$", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex LabelName();
}
