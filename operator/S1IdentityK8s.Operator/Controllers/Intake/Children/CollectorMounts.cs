namespace S1IdentityK8s.Operator.Controllers.Intake.Children;

/// <summary>Where the collector pod mounts its config, secrets and state (the rendered config points here).</summary>
public static class CollectorMounts
{
    /// <summary>Folder of the rendered config file.</summary>
    public const string ConfigDirectory = "/etc/s1identity";

    /// <summary>The rendered config file's name inside the ConfigMap and the folder.</summary>
    public const string ConfigFile = "collector.yaml";

    /// <summary>
    /// Folder of the CA bundle of <c>spec.tls.caBundleRef</c>, inside the config folder (the kubelet creates
    /// mount points nested in a ConfigMap volume).
    /// </summary>
    public const string TlsDirectory = "/etc/s1identity/tls";

    /// <summary>The CA bundle's file name in <see cref="TlsDirectory"/>, whatever its key in the ConfigMap.</summary>
    public const string CaBundleFile = "ca.crt";

    /// <summary>Folder of the SentinelOne API token Secret.</summary>
    public const string SentinelOneSecretDirectory = "/var/run/secrets/s1identity/sentinelone";

    /// <summary>Folder of the Sekoia intake key Secret.</summary>
    public const string SekoiaSecretDirectory = "/var/run/secrets/s1identity/sekoia";

    /// <summary>Folder of the admin token Secret.</summary>
    public const string AdminSecretDirectory = "/var/run/secrets/s1identity/admin";

    /// <summary>The admin token's key in its Secret and file name.</summary>
    public const string AdminTokenKey = "token";

    /// <summary>The collector's state directory (checkpoint file fallback, dead letters): an emptyDir.</summary>
    public const string StateDirectory = "/var/lib/s1identity";

    /// <summary>
    /// The dead letters' directory when <c>spec.deadLetters.persistentVolumeClaim</c> names a claim: a mount of
    /// its own beside the state directory (not inside it, so the emptyDir's mount point stays untouched).
    /// </summary>
    public const string DeadLetterDirectory = "/var/lib/s1identity-dead-letters";
}
