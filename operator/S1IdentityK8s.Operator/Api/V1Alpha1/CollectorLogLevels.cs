namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>The collector's log levels, most verbose first.</summary>
public static class CollectorLogLevels
{
    /// <summary>Everything, including request details.</summary>
    public const string Trace = "Trace";

    /// <summary>Diagnostics.</summary>
    public const string Debug = "Debug";

    /// <summary>Normal operation: the default.</summary>
    public const string Information = "Information";

    /// <summary>Problems that the collector works around.</summary>
    public const string Warning = "Warning";

    /// <summary>Failures only.</summary>
    public const string Error = "Error";
}
