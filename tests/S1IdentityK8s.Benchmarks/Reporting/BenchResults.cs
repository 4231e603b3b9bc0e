using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using S1IdentityK8s.Benchmarks.Measurement;

namespace S1IdentityK8s.Benchmarks.Reporting;

/// <summary>Everything one run measured, written as <c>results.json</c> and rendered as <c>results.md</c>.</summary>
public sealed record BenchResults
{
    /// <summary>The JSON layout's version.</summary>
    public int Schema { get; init; } = 1;

    /// <summary>When the run started (UTC).</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>How long the whole run took.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>The profile's name (<c>full</c> or <c>smoke</c>).</summary>
    public required string Profile { get; init; }

    /// <summary>The machine, with its load.</summary>
    public required MachineInfo Machine { get; init; }

    /// <summary>The 1-minute load average when the run ended.</summary>
    public required double LoadAverageAtEnd { get; init; }

    /// <summary>The commit measured.</summary>
    public required SourceRevision Revision { get; init; }

    /// <summary>The collector binary run.</summary>
    public required string CollectorBinary { get; init; }

    /// <summary>Every figure, in scenario order.</summary>
    public required IReadOnlyList<Figure> Figures { get; init; }

    /// <summary>The chart's points.</summary>
    public required IReadOnlyList<RoundTripPoint> RoundTrip { get; init; }

    /// <summary>Raw measurements per run (drains, timings, samples), for whoever wants more than the table.</summary>
    public required JsonArray Runs { get; init; }

    /// <summary>Scenarios that failed to run, with why.</summary>
    public required IReadOnlyList<string> Errors { get; init; }

    /// <summary>The options <c>results.json</c> is written with.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serialises to <c>results.json</c>'s text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
