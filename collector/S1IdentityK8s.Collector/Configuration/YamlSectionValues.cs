using System.Globalization;
using S1IdentityK8s.Common;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// Typed reads of one key: an absent key gives the default; a bad value is reported as
/// <c>key: expected ..., got ...</c> and also gives the default, so reading goes on and every problem is
/// reported at once.
/// </summary>
internal static class YamlSectionValues
{
    /// <summary>An integer in <c>[min, max]</c>.</summary>
    public static int Integer(this YamlSection section, string key, int fallback, int min, int max)
    {
        var text = section.Scalar(key);
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        section.Errors.Expected(section.KeyPath(key), $"an integer from {min} to {max}", ConfigText.Show(text));
        return fallback;
    }

    /// <summary>A finite number in <c>(exclusiveMin, max]</c>.</summary>
    public static double Number(this YamlSection section, string key, double fallback, double exclusiveMin, double max)
    {
        var text = section.Scalar(key);
        if (text is null)
        {
            return fallback;
        }

        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value > exclusiveMin && value <= max)
        {
            return value;
        }

        var range = FormattableString.Invariant($"a number greater than {exclusiveMin} and at most {max}");
        section.Errors.Expected(section.KeyPath(key), range, ConfigText.Show(text));
        return fallback;
    }

    /// <summary><c>true</c> or <c>false</c> (any case); YAML 1.1's yes/no/on/off are refused as ambiguous.</summary>
    public static bool Boolean(this YamlSection section, string key, bool fallback)
    {
        var text = section.Scalar(key);
        if (text is null)
        {
            return fallback;
        }

        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        section.Errors.Expected(section.KeyPath(key), "true or false", ConfigText.Show(text));
        return fallback;
    }

    /// <summary>A <see cref="Durations"/> string of at least <paramref name="min"/> (strictly more when <paramref name="minExclusive"/>).</summary>
    public static TimeSpan Duration(this YamlSection section, string key, TimeSpan fallback, TimeSpan min, bool minExclusive = false)
    {
        var text = section.Scalar(key);
        if (text is null)
        {
            return fallback;
        }

        if (!Durations.TryParse(text.Trim(), out var value, out var problem))
        {
            // "missing unit" and "empty" say nothing the expectation does not; hints like "use 24h" do.
            var got = problem is null or "missing unit" or "empty" ? ConfigText.Quote(text) : $"{ConfigText.Quote(text)} ({problem})";
            section.Errors.Expected(section.KeyPath(key), Durations.Expectation, got);
            return fallback;
        }

        if (minExclusive ? value <= min : value < min)
        {
            var bound = minExclusive ? "greater than" : "of at least";
            section.Errors.Expected(section.KeyPath(key), $"a duration {bound} {Durations.Format(min)}", text.Trim());
            return fallback;
        }

        return value;
    }

    /// <summary>A string, trimmed; <paramref name="fallback"/> when absent. Empty is reported unless <paramref name="allowEmpty"/>.</summary>
    public static string Text(this YamlSection section, string key, string fallback, string expectation, bool allowEmpty = false)
    {
        var text = section.Scalar(key)?.Trim();
        if (text is null)
        {
            return fallback;
        }

        if (text.Length == 0 && !allowEmpty)
        {
            section.Errors.Expected(section.KeyPath(key), expectation, "an empty value");
            return fallback;
        }

        return text;
    }

    /// <summary>A trimmed string, or null when absent or empty.</summary>
    public static string? OptionalText(this YamlSection section, string key)
    {
        var text = section.Scalar(key)?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>One of <paramref name="choices"/>, matched case-insensitively.</summary>
    public static T Choice<T>(this YamlSection section, string key, T fallback, IReadOnlyList<(string Name, T Value)> choices)
    {
        var text = section.Scalar(key);
        if (text is null)
        {
            return fallback;
        }

        foreach (var (name, value) in choices)
        {
            if (name.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var names = string.Join(", ", choices.Select(c => c.Name));
        section.Errors.Expected(section.KeyPath(key), $"one of {names}", ConfigText.Show(text));
        return fallback;
    }
}
