namespace S1IdentityK8s.Collector.Configuration;

/// <summary>The <c>logging</c> section.</summary>
public sealed class LoggingOptions
{
    /// <summary><c>level</c>: Trace, Debug, Information, Warning or Error (case-insensitive). Default Information.</summary>
    public LogLevel Level { get; init; } = LogLevel.Information;

    /// <summary><c>format</c>: json or text. Default json.</summary>
    public LogFormat Format { get; init; } = LogFormat.Json;
}
