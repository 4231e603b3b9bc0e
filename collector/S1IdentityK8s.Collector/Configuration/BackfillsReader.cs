using System.Globalization;
using System.Text.RegularExpressions;
using S1IdentityK8s.Common;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>Reads <c>backfills[]</c>: names required and unique, <c>from &lt; to</c>, span within <c>backfillMaxSpan</c>.</summary>
internal static partial class BackfillsReader
{
    private const string TimestampExpectation = "an RFC 3339 timestamp like 2026-11-02T00:00:00Z";

    /// <summary>The valid backfills; problems go to the section's errors.</summary>
    public static IReadOnlyList<BackfillRequest> Read(YamlSection root, TimeSpan maxSpan)
    {
        var backfills = new List<BackfillRequest>();
        var firstUse = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in root.Sections("backfills"))
        {
            var name = item.Text("name", "", "a non-empty name");
            if (item.Value("name") is null)
            {
                item.Errors.Add(item.KeyPath("name"), "required: expected a non-empty name");
            }
            else if (name.Length > 0 && !firstUse.TryAdd(name, item.KeyPath("name")))
            {
                item.Errors.Expected(item.KeyPath("name"), $"a name not already used ({firstUse[name]})", ConfigText.Quote(name));
            }

            var from = Timestamp(item, "from");
            var to = Timestamp(item, "to");
            item.ReportUnknownKeys();
            if (from is null || to is null)
            {
                continue;
            }

            if (to <= from)
            {
                item.Errors.Expected(item.KeyPath("to"), $"a time after from ({Rfc3339(from.Value)})", Rfc3339(to.Value));
            }
            else if (to - from > maxSpan)
            {
                var span = Durations.Format(to.Value - from.Value);
                item.Errors.Expected(item.KeyPath("to"), $"at most backfillMaxSpan ({Durations.Format(maxSpan)}) after from", $"a span of {span}");
            }

            backfills.Add(new BackfillRequest(name, from.Value, to.Value));
        }

        return backfills;
    }

    private static DateTimeOffset? Timestamp(YamlSection item, string key)
    {
        var text = item.Scalar(key)?.Trim();
        if (text is null)
        {
            item.Errors.Add(item.KeyPath(key), $"required: expected {TimestampExpectation}");
            return null;
        }

        if (Rfc3339Pattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        item.Errors.Expected(item.KeyPath(key), TimestampExpectation, ConfigText.Quote(text));
        return null;
    }

    private static string Rfc3339(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Date, <c>T</c>, time, optional fraction, and a mandatory zone (<c>Z</c> or <c>±hh:mm</c>).</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339Pattern();
}
