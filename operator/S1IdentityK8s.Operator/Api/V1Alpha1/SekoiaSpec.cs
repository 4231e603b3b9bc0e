using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>Where alerts are pushed: a Sekoia.io HTTP intake.</summary>
public sealed class SekoiaSpec
{
    /// <summary>Secret key holding the intake key. Required.</summary>
    [Required]
    public SecretKeyReference IntakeKeySecretRef { get; set; } = new();

    /// <summary>Sekoia.io region of the intake: FRA1, FRA2, MCO1, UAE1, USA1 or SGP1. Defaults to FRA1.</summary>
    [DefaultValue(SekoiaRegions.Fra1)]
    [AllowedValues(SekoiaRegions.Fra1, SekoiaRegions.Fra2, SekoiaRegions.Mco1, SekoiaRegions.Uae1, SekoiaRegions.Usa1, SekoiaRegions.Sgp1)]
    public string Region { get; set; } = SekoiaRegions.Fra1;

    /// <summary>
    /// Explicit intake base URL (without <c>/batch</c>), overriding <c>region</c>, e.g. for a proxy.
    /// Defaults to none: the region's URL.
    /// </summary>
    [MaxLength(2048)]
    [RegularExpression(SchemaPatterns.Endpoint)]
    public string? Endpoint { get; set; }
}
