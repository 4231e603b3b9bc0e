using System.Globalization;
using System.Text;

namespace S1IdentityK8s.Common;

/// <summary>
/// Kubernetes/Go-style duration strings (<c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>24h</c>, <c>1h30m</c>,
/// <c>1.5h</c>, <c>0</c>). Units are <c>ms</c>, <c>s</c>, <c>m</c> and <c>h</c>; negative, empty and unitless
/// values (other than <c>0</c>) are rejected, and so is <c>d</c>, which Go does not know. One rule for the
/// collector's configuration and the operator's spec and settings (linked source, docs/development.md).
/// </summary>
internal static class Durations
{
    /// <summary>The phrase every duration error starts with, so users see the accepted shape.</summary>
    internal const string Expectation = "a duration like 30s, 5m or 24h";

    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("ms", TimeSpan.TicksPerMillisecond),
        ("h", TimeSpan.TicksPerHour),
        ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond),
    ];

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParse(text, out var value, out var problem))
        {
            return value;
        }

        throw new FormatException($"expected {Expectation}, got '{text}'{(problem is null ? "" : $" ({problem})")}");
    }

    /// <summary>Parses <paramref name="text"/>; false (and <see cref="TimeSpan.Zero"/>) when it is not a valid duration.</summary>
    public static bool TryParse(string? text, out TimeSpan value) => TryParse(text, out value, out _);

    /// <summary>
    /// Canonical form: non-zero hours, minutes, seconds and milliseconds from largest to smallest
    /// (<c>1h30m</c>, <c>90s</c> → <c>1m30s</c>, <c>1s500ms</c>, <c>744h</c>), <c>0s</c> for zero; parses back
    /// to the same value. Sub-millisecond remainders appear as fractional milliseconds (<c>0.5ms</c>).
    /// </summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "durations are never negative");
        }

        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var ticks = value.Ticks;
        var text = new StringBuilder();
        Append(text, ticks / TimeSpan.TicksPerHour, "h");
        Append(text, ticks % TimeSpan.TicksPerHour / TimeSpan.TicksPerMinute, "m");
        Append(text, ticks % TimeSpan.TicksPerMinute / TimeSpan.TicksPerSecond, "s");
        var subSecond = ticks % TimeSpan.TicksPerSecond;
        if (subSecond != 0)
        {
            var milliseconds = (decimal)subSecond / TimeSpan.TicksPerMillisecond;
            text.Append(milliseconds.ToString("0.#######", CultureInfo.InvariantCulture)).Append("ms");
        }

        return text.ToString();
    }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> may hold a hint such as "use 24h".</summary>
    internal static bool TryParse(string? text, out TimeSpan value, out string? problem)
    {
        value = TimeSpan.Zero;
        problem = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = "empty";
            return false;
        }

        if (text == "0")
        {
            return true;
        }

        if (text[0] == '-')
        {
            problem = "negative durations are not allowed";
            return false;
        }

        decimal total = 0;
        var position = 0;
        while (position < text.Length)
        {
            if (!TryReadComponent(text, ref position, out var ticks, out problem))
            {
                return false;
            }

            total += ticks;
            if (total > TimeSpan.MaxValue.Ticks)
            {
                problem = "too large";
                return false;
            }
        }

        value = TimeSpan.FromTicks((long)decimal.Round(total));
        return true;
    }

    private static bool TryReadComponent(string text, ref int position, out decimal ticks, out string? problem)
    {
        ticks = 0;
        problem = null;
        var numberStart = position;
        while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '.'))
        {
            position++;
        }

        var number = text[numberStart..position];
        var unitStart = position;
        while (position < text.Length && char.IsAsciiLetter(text[position]))
        {
            position++;
        }

        var unit = text[unitStart..position];
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || number.StartsWith('.') || number.EndsWith('.'))
        {
            return false;
        }

        if (unit.Length == 0)
        {
            problem = "missing unit";
            return false;
        }

        foreach (var (name, unitTicks) in Units)
        {
            if (unit == name)
            {
                if (amount > (decimal)TimeSpan.MaxValue.Ticks / unitTicks)
                {
                    problem = "too large";
                    return false;
                }

                ticks = amount * unitTicks;
                return true;
            }
        }

        problem = unit == "d" ? $"use {(amount * 24).ToString("0.#######", CultureInfo.InvariantCulture)}h" : $"unknown unit '{unit}'";
        return false;
    }

    private static void Append(StringBuilder text, long amount, string unit)
    {
        if (amount != 0)
        {
            text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
