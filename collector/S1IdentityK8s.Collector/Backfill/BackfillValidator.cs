using System.Globalization;
using System.Text.RegularExpressions;
using S1IdentityK8s.Common;

namespace S1IdentityK8s.Collector.Backfill;

/// <summary>
/// Checks a backfill request before it is accepted, the same way for the API and the config. Each error
/// starts with the field it concerns (<c>to: must not be in the future</c>) so callers can show it as is.
/// </summary>
public static partial class BackfillValidator
{
    /// <summary>The name pattern (a Kubernetes-style DNS subdomain label); names are also file names.</summary>
    public const string NamePattern = "[a-z0-9]([-a-z0-9.]*[a-z0-9])?";

    /// <summary>Longest accepted name.</summary>
    public const int MaxNameLength = 63;

    /// <summary>The first problem with the request, or null when it is valid.</summary>
    /// <param name="name">The requested name.</param>
    /// <param name="from">Inclusive start; null when absent.</param>
    /// <param name="to">Exclusive end; null when absent.</param>
    /// <param name="now">The current time: <paramref name="to"/> may not be after it.</param>
    /// <param name="maxSpan"><c>backfillMaxSpan</c>: the longest window allowed.</param>
    public static string? Validate(string name, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now, TimeSpan maxSpan)
    {
        if (NameError(name) is { } nameError)
        {
            return nameError;
        }
        if (from is null)
        {
            return "from: required";
        }
        if (to is null)
        {
            return "to: required";
        }
        // Compared in milliseconds, UAM's precision, so a window never ends up empty once stored.
        if (to.Value.ToUnixTimeMilliseconds() <= from.Value.ToUnixTimeMilliseconds())
        {
            return $"to: must be after from ({Rfc3339(from.Value)}), got {Rfc3339(to.Value)}";
        }
        if (to > now)
        {
            // A window reaching into the future would finish before its alerts exist: live collection covers those.
            return $"to: must not be in the future, got {Rfc3339(to.Value)} (now is {Rfc3339(now)})";
        }
        if (to - from > maxSpan)
        {
            return $"to: the window spans {Durations.Format(to.Value - from.Value)}, more than backfillMaxSpan ({Durations.Format(maxSpan)})";
        }
        return null;
    }

    /// <summary>The problem with <paramref name="name"/>, or null when it is a valid name.</summary>
    public static string? NameError(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "name: required";
        }
        if (name.Length > MaxNameLength)
        {
            return $"name: at most {MaxNameLength} characters, got {name.Length}";
        }
        return NameRegex().IsMatch(name)
            ? null
            : $"name: must match {NamePattern} (lower-case letters, digits, '-' and '.'), got \"{Shorten(name)}\"";
    }

    /// <summary>RFC 3339 in UTC with the fraction only when there is one.</summary>
    public static string Rfc3339(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string Shorten(string name) => name.Length <= MaxNameLength ? name : name[..MaxNameLength] + "...";

    // \z, not $: $ would also accept a trailing newline.
    [GeneratedRegex("^" + NamePattern + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();
}
