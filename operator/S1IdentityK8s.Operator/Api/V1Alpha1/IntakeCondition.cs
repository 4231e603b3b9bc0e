using System.ComponentModel.DataAnnotations;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>One aspect of the intake's state, with Kubernetes condition semantics.</summary>
public sealed class IntakeCondition
{
    /// <summary>What the condition is about: Ready, Reconciling, Stalled, CredentialsValid, SourceReachable, SinkReachable, Lagging or Suspended. Required.</summary>
    [Required]
    [MaxLength(316)]
    public string Type { get; set; } = "";

    /// <summary>True, False or Unknown. Required.</summary>
    [Required]
    [AllowedValues("True", "False", "Unknown")]
    public string Status { get; set; } = "Unknown";

    /// <summary>Machine-readable CamelCase cause of the status (e.g. Available, Progressing, SecretMissing).</summary>
    [MaxLength(1024)]
    public string? Reason { get; set; }

    /// <summary>Human-readable detail; never holds a secret.</summary>
    [MaxLength(32768)]
    public string? Message { get; set; }

    /// <summary>The <c>metadata.generation</c> the condition was computed from.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>When the status last changed (not when the condition was last written).</summary>
    public DateTime? LastTransitionTime { get; set; }
}
