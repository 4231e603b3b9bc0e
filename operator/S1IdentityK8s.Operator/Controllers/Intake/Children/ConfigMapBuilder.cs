using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake.Children;

/// <summary>The ConfigMaps of an intake: the rendered collector config, and the (empty) state maps the collector fills.</summary>
public static class ConfigMapBuilder
{
    /// <summary>The collector's config file.</summary>
    public static V1ConfigMap Config(V1Alpha1SentinelOneIdentityIntake intake) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = ChildMetadata.For(intake, IntakeNames.Collector(intake)),
        Data = new Dictionary<string, string> { [CollectorMounts.ConfigFile] = CollectorConfigRenderer.Render(intake) },
    };

    /// <summary>
    /// The checkpoint ConfigMap, created by the operator without data so that the collector's Role can
    /// name it (RBAC cannot scope <c>create</c> by name); the collector owns its data fields.
    /// </summary>
    public static V1ConfigMap Checkpoint(V1Alpha1SentinelOneIdentityIntake intake) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = ChildMetadata.For(intake, IntakeNames.Checkpoint(intake)),
    };

    /// <summary>The backfill records' ConfigMap, created empty for the same reason as <see cref="Checkpoint"/>.</summary>
    public static V1ConfigMap Backfills(V1Alpha1SentinelOneIdentityIntake intake) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = ChildMetadata.For(intake, IntakeNames.Backfills(intake)),
    };
}
