using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake.Children;

/// <summary>
/// The collector Deployment: one replica replaced with <c>Recreate</c> (one writer of the checkpoint),
/// restricted security, gRPC probes, and a pod template annotation that rolls the pod when a referenced
/// Secret or the CA bundle ConfigMap changes.
/// </summary>
public static class DeploymentBuilder
{
    /// <summary>The Deployment.</summary>
    /// <param name="intake">The intake.</param>
    /// <param name="options">The operator's defaults (image, probe kind).</param>
    /// <param name="secretsHash">Hash of the referenced Secrets' (and CA bundle ConfigMap's) resourceVersions.</param>
    public static V1Deployment Build(V1Alpha1SentinelOneIdentityIntake intake, IntakeControllerOptions options, string secretsHash)
    {
        var spec = intake.Spec;
        var labels = IntakeNames.Labels(intake);
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = ChildMetadata.For(intake, IntakeNames.Collector(intake)),
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Strategy = new V1DeploymentStrategy { Type = "Recreate" },
                Selector = new V1LabelSelector { MatchLabels = IntakeNames.SelectorLabels(intake) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = labels,
                        Annotations = new Dictionary<string, string> { [IntakeNames.SecretsHashAnnotation] = secretsHash },
                    },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = IntakeNames.Collector(intake),
                        SecurityContext = CollectorPodSecurity.Pod(),
                        NodeSelector = spec.Collector.NodeSelector,
                        Tolerations = spec.Collector.Tolerations,
                        Affinity = spec.Collector.Affinity,
                        Containers = [Container(intake, options)],
                        Volumes =
                        [
                            new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = IntakeNames.Collector(intake) } },
                            SecretVolume("sentinelone", spec.SentinelOne.ApiTokenSecretRef.Name, spec.SentinelOne.ApiTokenSecretRef.Key),
                            SecretVolume("sekoia", spec.Sekoia.IntakeKeySecretRef.Name, spec.Sekoia.IntakeKeySecretRef.Key),
                            SecretVolume("admin", IntakeNames.AdminSecret(intake), CollectorMounts.AdminTokenKey),
                            new V1Volume { Name = "state", EmptyDir = new V1EmptyDirVolumeSource() },
                            new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() },
                            .. CaBundleVolume(spec.Tls),
                            .. DeadLetterVolume(spec.DeadLetters),
                        ],
                    },
                },
            },
        };
    }

    private static V1Container Container(V1Alpha1SentinelOneIdentityIntake intake, IntakeControllerOptions options) => new()
    {
        Name = "collector",
        Image = intake.Spec.Collector.Image ?? options.CollectorImage,
        Args = ["--config", $"{CollectorMounts.ConfigDirectory}/{CollectorMounts.ConfigFile}"],
        // The collector's identity in its Lease.
        Env = [new V1EnvVar { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } }],
        Ports =
        [
            new V1ContainerPort { Name = "grpc", ContainerPort = IntakeNames.GrpcPort, Protocol = "TCP" },
            new V1ContainerPort { Name = "metrics", ContainerPort = IntakeNames.MetricsPort, Protocol = "TCP" },
        ],
        Resources = intake.Spec.Collector.Resources ?? CollectorPodSecurity.DefaultResources(),
        // A collector that exits leaves its last stderr/stdout lines (e.g. "config error: ...") in
        // lastState.terminated.message, which the intake's CrashLooping condition shows.
        TerminationMessagePolicy = "FallbackToLogsOnError",
        SecurityContext = CollectorPodSecurity.Container(),
        // Probed every second until it first answers (up to 2 minutes): liveness and readiness wait for it, so a
        // slow first start is never killed, and the first readiness probe follows within one readiness period.
        StartupProbe = Probe(options, periodSeconds: 1, failureThreshold: 120),
        LivenessProbe = Probe(options, periodSeconds: 20, failureThreshold: 3),
        // The kubelet runs the first readiness probe one period after the startup probe passed: a short period
        // makes a rolled collector Ready seconds after it listens; two failures in a row turn it unready after ~10 s.
        ReadinessProbe = Probe(options, periodSeconds: 5, failureThreshold: 2),
        VolumeMounts =
        [
            new V1VolumeMount { Name = "config", MountPath = CollectorMounts.ConfigDirectory, ReadOnlyProperty = true },
            new V1VolumeMount { Name = "sentinelone", MountPath = CollectorMounts.SentinelOneSecretDirectory, ReadOnlyProperty = true },
            new V1VolumeMount { Name = "sekoia", MountPath = CollectorMounts.SekoiaSecretDirectory, ReadOnlyProperty = true },
            new V1VolumeMount { Name = "admin", MountPath = CollectorMounts.AdminSecretDirectory, ReadOnlyProperty = true },
            new V1VolumeMount { Name = "state", MountPath = CollectorMounts.StateDirectory },
            new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
            .. CaBundleMount(intake.Spec.Tls),
            .. DeadLetterMount(intake.Spec.DeadLetters),
        ],
    };

    // gRPC health service "" answers for the whole collector; it never fails just because a tenant is quiet.
    private static V1Probe Probe(IntakeControllerOptions options, int periodSeconds, int failureThreshold) => new()
    {
        Grpc = options.GrpcProbes ? new V1GRPCAction { Port = IntakeNames.GrpcPort, Service = "" } : null,
        TcpSocket = options.GrpcProbes ? null : new V1TCPSocketAction { Port = IntakeNames.GrpcPort },
        PeriodSeconds = periodSeconds,
        FailureThreshold = failureThreshold,
        TimeoutSeconds = 5,
    };

    // The bundle's key becomes ca.crt, the file the rendered config names.
    private static V1Volume[] CaBundleVolume(TlsSpec? tls) => tls is null
        ? []
        :
        [
            new V1Volume
            {
                Name = "ca-bundle",
                ConfigMap = new V1ConfigMapVolumeSource
                {
                    Name = tls.CaBundleRef.Name,
                    Items = [new V1KeyToPath { Key = tls.CaBundleRef.Key, Path = CollectorMounts.CaBundleFile }],
                },
            },
        ];

    private static V1VolumeMount[] CaBundleMount(TlsSpec? tls) => tls is null
        ? []
        : [new V1VolumeMount { Name = "ca-bundle", MountPath = CollectorMounts.TlsDirectory, ReadOnlyProperty = true }];

    // Dead letters on the intake's claim outlive the pod; without one they stay in the state emptyDir.
    private static V1Volume[] DeadLetterVolume(DeadLettersSpec? deadLetters) => deadLetters?.PersistentVolumeClaim is { } claim
        ? [new V1Volume { Name = "dead-letters", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim.ClaimName } }]
        : [];

    private static V1VolumeMount[] DeadLetterMount(DeadLettersSpec? deadLetters) => deadLetters?.PersistentVolumeClaim is null
        ? []
        : [new V1VolumeMount { Name = "dead-letters", MountPath = CollectorMounts.DeadLetterDirectory }];

    private static V1Volume SecretVolume(string name, string secretName, string key) => new()
    {
        Name = name,
        Secret = new V1SecretVolumeSource { SecretName = secretName, Items = [new V1KeyToPath { Key = key, Path = key }] },
    };
}
