using System.Globalization;

namespace S1IdentityK8s.Benchmarks.Reporting;

/// <summary>A figure's target from the issue: its ratio (or its value) must be at least or at most a threshold.</summary>
/// <param name="AtLeast">True for "≥ threshold", false for "≤ threshold".</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="OnRatio">True when the target applies to the ratio against the baseline, false for the value itself.</param>
/// <param name="Unit">The threshold's unit as written (e.g. "×", "MB", "ms").</param>
public sealed record Target(bool AtLeast, double Threshold, bool OnRatio, string Unit)
{
    /// <summary>"≥ 50×", "≤ 200 MB".</summary>
    public string Text => string.Create(CultureInfo.InvariantCulture,
        $"{(AtLeast ? "≥" : "≤")} {Threshold:0.##}{(Unit is "×" ? "" : " ")}{Unit}");

    /// <summary>Whether <paramref name="value"/> meets it; null when there is no value.</summary>
    public bool? IsMetBy(double? value) => value is { } v ? (AtLeast ? v >= Threshold : v <= Threshold) : null;

    /// <summary>A target on the ratio: at least <paramref name="threshold"/>×.</summary>
    public static Target RatioAtLeast(double threshold) => new(true, threshold, true, "×");

    /// <summary>A target on the ratio: at most <paramref name="threshold"/>×.</summary>
    public static Target RatioAtMost(double threshold) => new(false, threshold, true, "×");

    /// <summary>A target on the value: at most <paramref name="threshold"/> <paramref name="unit"/>.</summary>
    public static Target ValueAtMost(double threshold, string unit) => new(false, threshold, false, unit);
}
