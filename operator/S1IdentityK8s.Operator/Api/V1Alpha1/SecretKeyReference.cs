using System.ComponentModel.DataAnnotations;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>A key of a Secret in the intake's own namespace.</summary>
public sealed class SecretKeyReference
{
    /// <summary>Name of the Secret, in the intake's namespace. Required.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    [RegularExpression(SchemaPatterns.DnsSubdomain)]
    public string Name { get; set; } = "";

    /// <summary>Key inside the Secret's data whose value is used (surrounding whitespace is trimmed). Required.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    [RegularExpression(SchemaPatterns.SecretKey)]
    public string Key { get; set; } = "";
}
