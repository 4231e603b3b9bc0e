using System.ComponentModel.DataAnnotations;
using S1IdentityK8s.Operator.Api.Schema;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>A declarative re-pull of the alerts detected in <c>[from, to)</c>; each name runs once.</summary>
public sealed class BackfillSpec
{
    /// <summary>Unique name (a DNS label): the idempotency key; renaming runs it again. Required.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(63)]
    [RegularExpression(SchemaPatterns.DnsLabel)]
    public string Name { get; set; } = "";

    /// <summary>Start of the window, inclusive, RFC 3339 with a zone (<c>2026-11-02T00:00:00Z</c>). Required.</summary>
    [Required]
    [SchemaFormat("date-time")]
    public string From { get; set; } = "";

    /// <summary>End of the window, exclusive, RFC 3339 with a zone, after <c>from</c>, at most 31 days later. Required.</summary>
    [Required]
    [SchemaFormat("date-time")]
    public string To { get; set; } = "";
}
