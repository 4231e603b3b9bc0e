namespace S1IdentityK8s.PodRunner.Probes;

/// <summary>The three kinds of container probe.</summary>
public enum ProbeKind
{
    /// <summary>Gates the other two; failing it restarts the container.</summary>
    Startup,

    /// <summary>Decides the container's <c>ready</c>.</summary>
    Readiness,

    /// <summary>Failing it restarts the container.</summary>
    Liveness,
}
