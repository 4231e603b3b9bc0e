namespace S1IdentityK8s.Benchmarks.Reporting;

/// <summary>
/// One result row: what was measured, the baseline measured in the same run (when the figure is a
/// comparison), their ratio, the target and whether it was met.
/// </summary>
public sealed record Figure
{
    /// <summary>A stable id, e.g. <c>round-trip.50ms</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The scenario it belongs to, e.g. "Round-trip bound".</summary>
    public required string Scenario { get; init; }

    /// <summary>What the row says, e.g. "alerts/s at 50 ms per UAM request, 25 requests/s".</summary>
    public required string Name { get; init; }

    /// <summary>The measured value.</summary>
    public required Quantity Measured { get; init; }

    /// <summary>The baseline measured in the same run, when the figure is a comparison.</summary>
    public Quantity? Baseline { get; init; }

    /// <summary>Measured ÷ baseline.</summary>
    public double? Ratio => Baseline?.Value is { } b && b != 0 && Measured.Value is { } m ? m / b : null;

    /// <summary>The target, when the issue sets one.</summary>
    public Target? Target { get; init; }

    /// <summary>Whether the target was met; null without a target or a value.</summary>
    public bool? Pass => Target?.IsMetBy(Target.OnRatio ? Ratio : Measured.Value);

    /// <summary>Evidence and context: what else ran, why a target was missed, what bounds the figure.</summary>
    public string? Note { get; init; }
}
