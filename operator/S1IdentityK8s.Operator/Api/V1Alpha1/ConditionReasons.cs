namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>The reasons the operator writes into its conditions (CamelCase, stable: alerting keys on them).</summary>
public static class ConditionReasons
{
    /// <summary>Every child matches the spec and the collector is available.</summary>
    public const string Available = "Available";

    /// <summary>Children were created or changed and are not all available yet.</summary>
    public const string Progressing = "Progressing";

    /// <summary>A referenced Secret, or a key of it, does not exist.</summary>
    public const string SecretMissing = "SecretMissing";

    /// <summary>A referenced ConfigMap (the CA bundle), or a key of it, does not exist.</summary>
    public const string ConfigMapMissing = "ConfigMapMissing";

    /// <summary>The spec holds a value the schema cannot reject but the collector would.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>The apiserver refused a child (e.g. invalid resources copied into the Deployment).</summary>
    public const string ApplyFailed = "ApplyFailed";

    /// <summary>
    /// The kubelet cannot pull the collector image (ErrImagePull, ImagePullBackOff, InvalidImageName,
    /// ErrImageNeverPull); the message names the image and carries the kubelet's error.
    /// </summary>
    public const string ImagePullFailed = "ImagePullFailed";

    /// <summary>
    /// The collector keeps exiting (CrashLoopBackOff, or restarted after a non-zero exit); the message holds
    /// its last exit code and last words, e.g. <c>config error: ...</c>.
    /// </summary>
    public const string CrashLooping = "CrashLooping";

    /// <summary>No node can take the collector pod; the message is the scheduler's.</summary>
    public const string Unschedulable = "Unschedulable";

    /// <summary>
    /// The kubelet cannot start the collector container for another reason (e.g.
    /// CreateContainerConfigError); the message holds the kubelet's reason and message.
    /// </summary>
    public const string ContainerNotStarting = "ContainerNotStarting";

    /// <summary>Nothing is left to do for this condition.</summary>
    public const string Reconciled = "Reconciled";

    /// <summary>SentinelOne and Sekoia accept the credentials.</summary>
    public const string CredentialsAccepted = "CredentialsAccepted";

    /// <summary>SentinelOne or Sekoia refused the credentials (401/403); the collector retries slowly.</summary>
    public const string CredentialsRejected = "CredentialsRejected";

    /// <summary>The service answers.</summary>
    public const string Reachable = "Reachable";

    /// <summary>The service fails (timeouts, 5xx, network errors); see the message for the last error.</summary>
    public const string Unreachable = "Unreachable";

    /// <summary>Delivery is further behind than a poll interval plus the settle delay allow.</summary>
    public const string Behind = "Behind";

    /// <summary>Delivery keeps up.</summary>
    public const string UpToDate = "UpToDate";

    /// <summary><c>spec.suspend</c> is set and the collector stopped polling.</summary>
    public const string SuspendRequested = "SuspendRequested";

    /// <summary>The collector polls.</summary>
    public const string Polling = "Polling";
}
