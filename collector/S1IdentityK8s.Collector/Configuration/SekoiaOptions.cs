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

    /// <summary>
    /// <c>refusedRetryDelay</c>: first wait before re-sending alerts held because the intake refused the key,
    /// the endpoint or a batch without saying why, &gt; 0. Doubles after each refusal up to
    /// <c>maxRefusedRetryDelay</c>. Default 30s.
    /// </summary>
    public TimeSpan RefusedRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>maxRefusedRetryDelay</c>: cap of that doubling wait, ≥ <c>refusedRetryDelay</c>. Default 10m.</summary>
    public TimeSpan MaxRefusedRetryDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary><c>retry</c>: the transient-failure retry of each push.</summary>
    public IntakeRetryOptions Retry { get; init; } = new();

    /// <summary>
    /// <c>requestTimeout</c>: how long one <c>/batch</c> push may take before it is abandoned and retried, &gt; 0.
    /// Default 60s: a push of up to 9 MiB over a slow link, with room to spare.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
