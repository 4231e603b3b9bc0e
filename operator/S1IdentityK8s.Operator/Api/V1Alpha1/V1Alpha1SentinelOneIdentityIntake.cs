using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.Schema;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>
/// Streams the alerts of one SentinelOne Singularity Identity tenant or site into one Sekoia.io intake,
/// through one collector pod that the operator runs and watches.
/// </summary>
[KubernetesEntity(Group = ApiGroup, ApiVersion = Version, Kind = EntityKind, PluralName = Plural)]
[ShortNames("s1intake", "s1i")]
[PrinterColumn("Ready", "string", """.status.conditions[?(@.type=="Ready")].status""", Description = "Whether the collector runs with the current spec and delivers.")]
[PrinterColumn("Lag", "integer", ".status.lagSeconds", Description = "Seconds between now and the delivery watermark.")]
[PrinterColumn("Forwarded", "integer", ".status.forwardedTotal", Description = "Alerts acknowledged by Sekoia since the collector started.")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class V1Alpha1SentinelOneIdentityIntake : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The API group.</summary>
    public const string ApiGroup = "s1identity.dev";

    /// <summary>The API version inside the group.</summary>
    public const string Version = "v1alpha1";

    /// <summary>The kind.</summary>
    public const string EntityKind = "SentinelOneIdentityIntake";

    /// <summary>The plural resource name.</summary>
    public const string Plural = "sentineloneidentityintakes";

    /// <summary>The <c>apiVersion</c> field's value.</summary>
    public const string GroupVersion = ApiGroup + "/" + Version;

    /// <summary>APIVersion of the object: s1identity.dev/v1alpha1.</summary>
    public string ApiVersion { get; set; } = GroupVersion;

    /// <summary>Kind of the object: SentinelOneIdentityIntake.</summary>
    public string Kind { get; set; } = EntityKind;

    /// <summary>Standard object metadata.</summary>
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired state. Required.</summary>
    [Required]
    [JsonConverter(typeof(IntakeSpecJsonConverter))]
    public IntakeSpec Spec { get; set; } = new();

    /// <summary>The observed state, written by the operator.</summary>
    public IntakeStatus? Status { get; set; }
}
