using System.Globalization;
using System.Text.RegularExpressions;

namespace S1IdentityK8s.Operator.Collectors;

/// <summary>Parses the Go/Kubernetes durations of the spec (<c>500ms</c>, <c>1h30m</c>, <c>0</c>).</summary>
public static partial class GoDuration
{
    /// <summary>The duration of <paramref name="text"/>; throws <see cref="FormatException"/> for anything else.</summary>
    public static TimeSpan Parse(string text)
    {
        if (text == "0")
        {
            return TimeSpan.Zero;
        }

        var parts = Part().Matches(text);
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != text)
        {
            throw new FormatException($"not a duration: {text}");
        }

        return parts.Aggregate(TimeSpan.Zero, (sum, part) =>
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            return sum + part.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                _ => TimeSpan.FromHours(value),
            };
        });
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)")]
    private static partial Regex Part();
}
