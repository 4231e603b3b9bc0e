namespace S1IdentityK8s.Benchmarks.Patterns;

/// <summary>The comparison patterns, each run in a process of its own like the collector.</summary>
public enum PatternKind
{
    /// <summary>Sekoia's connector's sequential N+1 pattern (<see cref="ReferenceConnector"/>).</summary>
    Reference,

    /// <summary>The collector's requests without its work (<see cref="MinimalRelay"/>).</summary>
    Relay,
}
