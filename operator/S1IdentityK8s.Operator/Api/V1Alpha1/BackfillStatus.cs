using System.ComponentModel.DataAnnotations;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>The progress of one declared backfill.</summary>
public sealed class BackfillStatus
{
    /// <summary>The backfill's name, as declared in the spec. Required.</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>Pending, Running, Succeeded, Failed or Cancelled.</summary>
    [AllowedValues(BackfillPhases.Pending, BackfillPhases.Running, BackfillPhases.Succeeded, BackfillPhases.Failed, BackfillPhases.Cancelled)]
    public string? Phase { get; set; }

    /// <summary>Share of the window already delivered, from 0 to 1.</summary>
    [Range(0d, 1d)]
    public double? Progress { get; set; }

    /// <summary>Human-readable detail, e.g. why it failed.</summary>
    public string? Message { get; set; }
}
