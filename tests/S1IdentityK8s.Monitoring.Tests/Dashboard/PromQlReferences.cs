using System.Text.RegularExpressions;

namespace S1IdentityK8s.Monitoring.Tests.Dashboard;

/// <summary>
/// The metric and label names a PromQL expression (or a Grafana <c>label_values(...)</c> query) uses, by
/// a small tokenizer: promtool has no command that prints a parsed expression. Enough for the
/// expressions we write: selectors, aggregations with by/without, vector matching with on/ignoring.
/// </summary>
internal static partial class PromQlReferences
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "inf", "nan",
    };

    /// <summary>The metric names and label names <paramref name="expression"/> refers to.</summary>
    public static (IReadOnlySet<string> Metrics, IReadOnlySet<string> Labels) Of(string expression)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        // Grafana's label_values(selector, label) names a label as its last argument.
        var text = LabelValues().Replace(expression, m =>
        {
            labels.Add(m.Groups["label"].Value);
            return m.Groups["selector"].Value;
        });
        text = StringLiteral().Replace(text, "\"\"");
        text = RangeOrSubquery().Replace(text, "");
        foreach (Match m in Matcher().Matches(text))
        {
            labels.Add(m.Groups["label"].Value);
        }

        text = Selector().Replace(text, " ");
        text = Grouping().Replace(text, m =>
        {
            foreach (var label in m.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                labels.Add(label);
            }

            return " ";
        });
        var metrics = Identifier().Matches(text)
            .Where(m => !m.Groups["call"].Success && !Keywords.Contains(m.Groups["name"].Value))
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
        return (metrics, labels);
    }

    [GeneratedRegex(@"label_values\((?<selector>.*),\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*\)")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeOrSubquery();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)\s*""""")]
    private static partial Regex Matcher();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Selector();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\((?<labels>[^)]*)\)")]
    private static partial Regex Grouping();

    // A name followed by "(" is a function; digits and Grafana variables ($x) are not names.
    [GeneratedRegex(@"(?<![\w$.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}
