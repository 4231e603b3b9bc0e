namespace S1IdentityK8s.Collector.Observability;

/// <summary>How a remote dependency is doing, as shown in status and health.</summary>
public enum SubsystemState
{
    /// <summary>The last call succeeded.</summary>
    Ok,

    /// <summary>Calls fail but are being retried (throttling, transient server errors).</summary>
    Degraded,

    /// <summary>Calls fail in a way retrying will not fix by itself (credentials, rejected queries).</summary>
    Failing,
}
