namespace S1IdentityK8s.Collector.Configuration;

/// <summary>How log lines are written to stdout (<c>logging.format</c>).</summary>
public enum LogFormat
{
    /// <summary>One JSON object per line (the default).</summary>
    Json,

    /// <summary>Human-readable single lines.</summary>
    Text,
}
