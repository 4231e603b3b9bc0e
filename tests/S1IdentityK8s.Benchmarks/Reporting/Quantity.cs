namespace S1IdentityK8s.Benchmarks.Reporting;

/// <summary>A measured value with its unit and what it is of (e.g. "reference pattern", 18.7, "alerts/s").</summary>
/// <param name="Label">What was measured.</param>
/// <param name="Value">The value; null when it could not be measured (see the figure's note).</param>
/// <param name="Unit">Its unit.</param>
public sealed record Quantity(string Label, double? Value, string Unit);
