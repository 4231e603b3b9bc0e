using System.Globalization;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>How configured values are shown in error messages.</summary>
internal static class ConfigText
{
    private const int MaxShown = 80;

    /// <summary><c>'value'</c>, cut after 80 characters, with control characters escaped.</summary>
    public static string Quote(string value)
    {
        var shown = value.Length <= MaxShown ? value : value[..MaxShown] + "...";
        var escaped = string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return $"'{escaped}'";
    }

    /// <summary>A number as written (unquoted) when it is one, otherwise quoted.</summary>
    public static string Show(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? value
            : Quote(value);
}
