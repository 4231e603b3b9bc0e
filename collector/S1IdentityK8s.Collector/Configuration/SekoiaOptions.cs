namespace S1IdentityK8s.Collector.Configuration;

/// <summary>The <c>sekoia</c> section: which intake to push to.</summary>
public sealed class SekoiaOptions
{
    /// <summary><c>region</c>: FRA1, FRA2, MCO1, UAE1, USA1 or SGP1. Default FRA1.</summary>
    public SekoiaRegion Region { get; init; } = SekoiaRegion.Fra1;

    /// <summary>
    /// The intake base URL, without a trailing slash in its path and without <c>/batch</c> (callers append
    /// it): <c>endpoint</c> when set, otherwise the <see cref="Region"/>'s URL. Default <c>https://intake.sekoia.io</c>.
    /// </summary>
    public Uri EndpointUri { get; init; } = SekoiaEndpoints.ForRegion(SekoiaRegion.Fra1);

    /// <summary>True when <see cref="EndpointUri"/> comes from an explicit <c>endpoint</c>, not the region. Default false.</summary>
    public bool EndpointOverridden { get; init; }

    /// <summary><c>intakeKeyFile</c>: absolute path of the intake key file; null when unset (env <c>SEKOIA_INTAKE_KEY</c> then).</summary>
    public string? IntakeKeyFile { get; init; }

    /// <summary><c>maxBatchEvents</c>: most events in one <c>/batch</c> request, 1..10000. Default 1000.</summary>
    public int MaxBatchEvents { get; init; } = 1000;
}
