using System.Globalization;

namespace S1IdentityK8s.Benchmarks.Patterns;

/// <summary>
/// What a comparison pattern needs: where UAM and the intake are, their credentials, the request budget
/// and the window to read. Passed to the pattern's own process as <c>--key value</c> arguments.
/// </summary>
public sealed record PatternSettings
{
    /// <summary>UAM's base address (<c>http://127.0.0.1:PORT/</c>).</summary>
    public required Uri Uam { get; init; }

    /// <summary>The UAM API token.</summary>
    public required string ApiToken { get; init; }

    /// <summary>The intake's base address; batches go to <c>{Intake}batch</c>.</summary>
    public required Uri Intake { get; init; }

    /// <summary>The intake key.</summary>
    public required string IntakeKey { get; init; }

    /// <summary>UAM requests per second (token bucket, bursts of one second's worth).</summary>
    public required double RequestsPerSecond { get; init; }

    /// <summary>Start of the <c>detectedAt</c> window read (epoch ms, inclusive).</summary>
    public required long FromMs { get; init; }

    /// <summary>End of the window (epoch ms, exclusive); the reference pattern sends no end, as Sekoia's connector.</summary>
    public required long ToMs { get; init; }

    /// <summary>A folder for the pattern's own state (the reference pattern's checkpoint).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The arguments that <see cref="Parse"/> reads back.</summary>
    public IReadOnlyList<string> ToArguments() =>
    [
        "--uam", Uam.ToString(), "--api-token", ApiToken, "--intake", Intake.ToString(), "--intake-key", IntakeKey,
        "--rps", RequestsPerSecond.ToString(CultureInfo.InvariantCulture), "--from", FromMs.ToString(CultureInfo.InvariantCulture),
        "--to", ToMs.ToString(CultureInfo.InvariantCulture), "--state", StateDirectory,
    ];

    /// <summary>Reads <see cref="ToArguments"/>'s output.</summary>
    public static PatternSettings Parse(IReadOnlyList<string> arguments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < arguments.Count; i += 2)
        {
            values[arguments[i]] = arguments[i + 1];
        }
        string Get(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"missing {name}");
        return new PatternSettings
        {
            Uam = new Uri(Get("--uam")),
            ApiToken = Get("--api-token"),
            Intake = new Uri(Get("--intake")),
            IntakeKey = Get("--intake-key"),
            RequestsPerSecond = double.Parse(Get("--rps"), CultureInfo.InvariantCulture),
            FromMs = long.Parse(Get("--from"), CultureInfo.InvariantCulture),
            ToMs = long.Parse(Get("--to"), CultureInfo.InvariantCulture),
            StateDirectory = Get("--state"),
        };
    }
}
