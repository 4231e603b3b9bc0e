using S1IdentityK8s.Operator.Api.V1Alpha1;
using YamlDotNet.Serialization;

namespace S1IdentityK8s.Operator.Controllers.Intake.Children;

/// <summary>
/// Renders an intake as the collector's YAML config (collector/.../Configuration/README.md): the same
/// camelCase names as the spec, secrets and the CA bundle as files mounted from what the spec references.
/// </summary>
public static class CollectorConfigRenderer
{
    private static readonly ISerializer Yaml = new SerializerBuilder().DisableAliases().Build();

    /// <summary>The config file's text for <paramref name="intake"/>.</summary>
    public static string Render(V1Alpha1SentinelOneIdentityIntake intake)
    {
        var spec = intake.Spec;
        var sekoia = new Dictionary<string, object?>
        {
            ["region"] = spec.Sekoia.Region,
            ["intakeKeyFile"] = $"{CollectorMounts.SekoiaSecretDirectory}/{spec.Sekoia.IntakeKeySecretRef.Key}",
        };
        if (!string.IsNullOrEmpty(spec.Sekoia.Endpoint))
        {
            sekoia["endpoint"] = spec.Sekoia.Endpoint;
        }

        var config = new Dictionary<string, object?>
        {
            ["sentinelOne"] = new Dictionary<string, object?>
            {
                ["hostname"] = spec.SentinelOne.Hostname,
                ["apiTokenFile"] = $"{CollectorMounts.SentinelOneSecretDirectory}/{spec.SentinelOne.ApiTokenSecretRef.Key}",
                ["pageSize"] = spec.SentinelOne.PageSize,
                ["detailBatchSize"] = spec.SentinelOne.DetailBatchSize,
                ["detailConcurrency"] = spec.SentinelOne.DetailConcurrency,
                ["requestsPerSecond"] = spec.SentinelOne.RequestsPerSecond,
            },
            ["sekoia"] = sekoia,
            ["collection"] = new Dictionary<string, object?>
            {
                ["pollInterval"] = spec.Collection.PollInterval,
                ["settleDelay"] = spec.Collection.SettleDelay,
                ["overlap"] = spec.Collection.Overlap,
                ["initialLookback"] = spec.Collection.InitialLookback,
                ["collectUpdates"] = spec.Collection.CollectUpdates,
                ["credentialsRetryInterval"] = spec.Collection.CredentialsRetryInterval,
            },
            ["suspend"] = spec.Suspend,
            ["stateDirectory"] = CollectorMounts.StateDirectory,
            ["adminTokenFile"] = $"{CollectorMounts.AdminSecretDirectory}/{CollectorMounts.AdminTokenKey}",
            ["listenAddress"] = "0.0.0.0",
            ["http"] = new Dictionary<string, object?> { ["port"] = IntakeNames.MetricsPort },
            ["grpc"] = new Dictionary<string, object?> { ["port"] = IntakeNames.GrpcPort },
            ["logging"] = new Dictionary<string, object?> { ["level"] = spec.Collector.LogLevel, ["format"] = "json" },
            ["intake"] = new Dictionary<string, object?> { ["namespace"] = intake.Metadata.NamespaceProperty, ["name"] = intake.Metadata.Name },
            ["kubernetes"] = Kubernetes(intake),
        };
        if (spec.Tls is not null)
        {
            config["tls"] = new Dictionary<string, object?> { ["caFile"] = $"{CollectorMounts.TlsDirectory}/{CollectorMounts.CaBundleFile}" };
        }

        if (DeadLetters(spec.DeadLetters) is { Count: > 0 } deadLetters)
        {
            config["deadLetters"] = deadLetters;
        }

        if (spec.Backfills is { Count: > 0 } backfills)
        {
            config["backfills"] = backfills
                .Select(b => new Dictionary<string, object?> { ["name"] = b.Name, ["from"] = b.From, ["to"] = b.To })
                .ToList();
        }

        return "# Rendered by the s1identity operator from the intake's spec; edits are overwritten.\n" + Yaml.Serialize(config);
    }

    // Only what differs from the collector's defaults (the apiserver fills the spec's in): a collector image
    // older than the section, pinned in spec.collector.image, keeps starting unless the section is used.
    private static Dictionary<string, object?> DeadLetters(DeadLettersSpec? spec)
    {
        var section = new Dictionary<string, object?>();
        if (spec?.PersistentVolumeClaim is not null)
        {
            section["directory"] = CollectorMounts.DeadLetterDirectory;
        }
        if (spec is not null && spec.MaxCount != new DeadLettersSpec().MaxCount)
        {
            section["maxCount"] = spec.MaxCount;
        }
        if (spec is not null && spec.MaxBytes != new DeadLettersSpec().MaxBytes)
        {
            section["maxBytes"] = spec.MaxBytes;
        }
        return section;
    }

    // Cluster mode: checkpoint and backfills in the ConfigMaps the operator created, one writer by Lease.
    private static Dictionary<string, object?> Kubernetes(V1Alpha1SentinelOneIdentityIntake intake) => new()
    {
        ["namespace"] = intake.Metadata.NamespaceProperty,
        ["checkpointConfigMap"] = IntakeNames.Checkpoint(intake),
        ["leaseName"] = IntakeNames.Lease(intake),
        ["owner"] = new Dictionary<string, object?>
        {
            ["apiVersion"] = V1Alpha1SentinelOneIdentityIntake.GroupVersion,
            ["kind"] = V1Alpha1SentinelOneIdentityIntake.EntityKind,
            ["name"] = intake.Metadata.Name,
            ["uid"] = intake.Metadata.Uid,
        },
    };
}
