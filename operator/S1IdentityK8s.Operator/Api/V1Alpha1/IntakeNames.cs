namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>Names, labels and mount paths shared by an intake's children.</summary>
public static class IntakeNames
{
    /// <summary>The SSA field manager of every write the operator makes.</summary>
    public const string FieldManager = "s1identity-operator";

    /// <summary>The label every child carries, with the value <c>s1identity-operator</c>.</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>The label naming the intake a child belongs to.</summary>
    public const string IntakeLabel = "s1identity.dev/intake";

    /// <summary>The pod template annotation whose change rolls the collector when a referenced Secret or the CA bundle ConfigMap changes.</summary>
    public const string SecretsHashAnnotation = "s1identity.dev/secrets-hash";

    /// <summary>The collector's gRPC port (health, CollectorService).</summary>
    public const int GrpcPort = 50051;

    /// <summary>The collector's HTTP port (/metrics).</summary>
    public const int MetricsPort = 8080;

    /// <summary>The label selector of every child the operator manages.</summary>
    public static string ManagedSelector => $"{ManagedByLabel}={FieldManager}";

    /// <summary>Name of the ConfigMap, ServiceAccount, Role(Binding), Deployment, Service and NetworkPolicy.</summary>
    public static string Collector(V1Alpha1SentinelOneIdentityIntake intake) => $"{intake.Metadata.Name}-collector";

    /// <summary>Name of the Secret holding the collector's admin token.</summary>
    public static string AdminSecret(V1Alpha1SentinelOneIdentityIntake intake) => $"{intake.Metadata.Name}-collector-admin";

    /// <summary>Name of the collector's checkpoint ConfigMap.</summary>
    public static string Checkpoint(V1Alpha1SentinelOneIdentityIntake intake) => $"{intake.Metadata.Name}-checkpoint";

    /// <summary>Name of the ConfigMap where the collector records its backfills (the collector's naming).</summary>
    public static string Backfills(V1Alpha1SentinelOneIdentityIntake intake) => $"{Checkpoint(intake)}-backfills";

    /// <summary>Name of the collector's single-writer Lease.</summary>
    public static string Lease(V1Alpha1SentinelOneIdentityIntake intake) => $"{intake.Metadata.Name}-collector";

    /// <summary>The labels that select the collector pod.</summary>
    public static Dictionary<string, string> SelectorLabels(V1Alpha1SentinelOneIdentityIntake intake) => new()
    {
        ["app.kubernetes.io/name"] = "s1identity-collector",
        ["app.kubernetes.io/instance"] = intake.Metadata.Name,
    };

    /// <summary>The labels of every child: the selector labels plus managed-by and the intake's name.</summary>
    public static Dictionary<string, string> Labels(V1Alpha1SentinelOneIdentityIntake intake) => new(SelectorLabels(intake))
    {
        [ManagedByLabel] = FieldManager,
        [IntakeLabel] = intake.Metadata.Name,
        ["app.kubernetes.io/part-of"] = "s1identity",
    };
}
