using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using S1IdentityK8s.Operator.Api.Schema;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>The desired state of an intake: one SentinelOne tenant or site streamed into one Sekoia.io intake.</summary>
public sealed class IntakeSpec
{
    /// <summary>A spec with every default.</summary>
    public IntakeSpec()
    {
    }

    /// <summary>The stand-in for a spec that could not be read (<see cref="IntakeSpecJsonConverter"/>).</summary>
    internal IntakeSpec(SpecReadProblem unreadable)
    {
        Unreadable = unreadable;
    }

    /// <summary>Why the spec as stored could not be read; null when it was. Not part of the resource.</summary>
    [JsonIgnore]
    public SpecReadProblem? Unreadable { get; }

    /// <summary>The alert source. Required.</summary>
    [Required]
    public SentinelOneSpec SentinelOne { get; set; } = new();

    /// <summary>The alert destination. Required.</summary>
    [Required]
    public SekoiaSpec Sekoia { get; set; } = new();

    /// <summary>The live collection cycle. Defaults to every field's default.</summary>
    public CollectionSpec Collection { get; set; } = new();

    /// <summary>Finish and commit the in-flight page, then stop polling (the pod keeps running). Defaults to false.</summary>
    [DefaultValue(false)]
    public bool Suspend { get; set; }

    /// <summary>Declarative re-pulls of past windows, each run once per name. Defaults to none.</summary>
    [ListMapKey("name")]
    [MaxLength(50)]
    public IList<BackfillSpec>? Backfills { get; set; }

    /// <summary>The collector pod: image, resources, log level, placement. Defaults to every field's default.</summary>
    public CollectorSpec Collector { get; set; } = new();

    /// <summary>Dead-letter volume and bounds. Defaults to the pod's emptyDir, 10000 letters, 512 MiB.</summary>
    public DeadLettersSpec? DeadLetters { get; set; }

    /// <summary>Extra CAs trusted for HTTPS to SentinelOne and Sekoia. Defaults to none: the system trust store only.</summary>
    public TlsSpec? Tls { get; set; }
}
