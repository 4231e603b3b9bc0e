namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// The collector's validated configuration, read from one YAML file by <see cref="CollectorConfigLoader"/>
/// (keys in camelCase, the same names as the <c>SentinelOneIdentityIntake</c> spec). Secrets are not here:
/// see <see cref="CollectorSecrets"/>.
/// </summary>
public sealed class CollectorOptions
{
    /// <summary>Default of <see cref="StateDirectory"/>.</summary>
    public const string DefaultStateDirectory = "/var/lib/s1identity";

    /// <summary>Environment variable that overrides <c>listenAddress</c> (set by hosts that give each pod its own address).</summary>
    public const string ListenAddressVariable = "COLLECTOR_LISTEN_ADDRESS";

    /// <summary>Default of <see cref="ListenAddress"/>.</summary>
    public const string DefaultListenAddress = "0.0.0.0";

    /// <summary>Default HTTP (metrics) port.</summary>
    public const int DefaultHttpPort = 8080;

    /// <summary>Default gRPC port.</summary>
    public const int DefaultGrpcPort = 50051;

    /// <summary><c>sentinelOne</c>: the UAM source. Required (at least <c>hostname</c>).</summary>
    public required SentinelOneOptions SentinelOne { get; init; }

    /// <summary><c>sekoia</c>: the intake sink. Default region FRA1.</summary>
    public SekoiaOptions Sekoia { get; init; } = new();

    /// <summary><c>collection</c>: live poll timing.</summary>
    public CollectionOptions Collection { get; init; } = new();

    /// <summary><c>suspend</c>: finish and commit the in-flight page, then stop polling. Default false.</summary>
    public bool Suspend { get; init; }

    /// <summary><c>stateDirectory</c>: absolute path of the checkpoint and dead-letter directory. Default <c>/var/lib/s1identity</c>.</summary>
    public string StateDirectory { get; init; } = DefaultStateDirectory;

    /// <summary><c>deadLetters</c>: directory and bounds of the dead-letter store. Default <c>{stateDirectory}/dead-letters</c>, 10000 letters, 512 MiB.</summary>
    public DeadLetterOptions DeadLetters { get; init; } = new() { Directory = Path.Combine(DefaultStateDirectory, "dead-letters") };

    /// <summary><c>adminTokenFile</c>: absolute path of the admin token file; optional (env <c>S1_COLLECTOR_ADMIN_TOKEN</c>). Default none.</summary>
    public string? AdminTokenFile { get; init; }

    /// <summary><c>listenAddress</c>: IP address (or <c>localhost</c>) both ports bind to. Default <c>0.0.0.0</c>.</summary>
    public string ListenAddress { get; init; } = DefaultListenAddress;

    /// <summary><c>http.port</c>: the <c>/metrics</c> port (0 = any free port). Default 8080.</summary>
    public PortOptions Http { get; init; } = new() { Port = DefaultHttpPort };

    /// <summary><c>grpc.port</c>: the h2c gRPC port (0 = any free port). Default 50051.</summary>
    public PortOptions Grpc { get; init; } = new() { Port = DefaultGrpcPort };

    /// <summary><c>logging</c>: level Information, format json by default.</summary>
    public LoggingOptions Logging { get; init; } = new();

    /// <summary><c>intake</c>: identity used in metric labels and logs. Default name <c>standalone</c>, empty namespace.</summary>
    public IntakeIdentity Intake { get; init; } = new();

    /// <summary><c>backfills</c>: declared backfills, names unique. Default none.</summary>
    public IReadOnlyList<BackfillRequest> Backfills { get; init; } = [];

    /// <summary><c>backfillMaxSpan</c>: longest <c>to − from</c> a backfill may cover, &gt; 0. Default 744h (31 days).</summary>
    public TimeSpan BackfillMaxSpan { get; init; } = TimeSpan.FromDays(31);

    /// <summary><c>tls</c>: extra CAs trusted for HTTPS to SentinelOne and Sekoia. Default none: the system trust store only.</summary>
    public TlsOptions Tls { get; init; } = new();

    /// <summary><c>kubernetes</c>: checkpoint ConfigMap and single-writer Lease in a cluster. Default none (standalone).</summary>
    public KubernetesOptions? Kubernetes { get; init; }
}
