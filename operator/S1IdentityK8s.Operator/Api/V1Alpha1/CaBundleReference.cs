using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>A key of a ConfigMap in the intake's own namespace holding PEM CA certificates.</summary>
public sealed class CaBundleReference
{
    /// <summary>Default of <see cref="Key"/>.</summary>
    public const string DefaultKey = "ca.crt";

    /// <summary>Name of the ConfigMap, in the intake's namespace. Required.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    [RegularExpression(SchemaPatterns.DnsSubdomain)]
    public string Name { get; set; } = "";

    /// <summary>Key inside the ConfigMap's data holding one or more PEM certificates. Defaults to <c>ca.crt</c>.</summary>
    [DefaultValue(DefaultKey)]
    [MinLength(1)]
    [MaxLength(253)]
    [RegularExpression(SchemaPatterns.SecretKey)]
    public string Key { get; set; } = DefaultKey;
}
