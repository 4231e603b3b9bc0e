using System.ComponentModel.DataAnnotations;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>A PersistentVolumeClaim of the intake's namespace, by name.</summary>
public sealed class DeadLetterVolumeClaim
{
    /// <summary>Name of the claim, in the intake's namespace. Required.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    [RegularExpression(SchemaPatterns.DnsSubdomain)]
    public string ClaimName { get; set; } = "";
}
