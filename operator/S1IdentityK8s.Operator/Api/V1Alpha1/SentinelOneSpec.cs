using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>Where and how alerts are read: the SentinelOne Singularity Identity (UAM) GraphQL API.</summary>
public sealed class SentinelOneSpec
{
    /// <summary>
    /// Console host, e.g. <c>usea1-partners.sentinelone.net</c>: <c>host</c>, <c>host:port</c> or
    /// <c>https://host[:port]</c>, never a path. Required.
    /// </summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    [RegularExpression(SchemaPatterns.Hostname)]
    public string Hostname { get; set; } = "";

    /// <summary>Secret key holding the UAM API token (a Viewer service user's). Required.</summary>
    [Required]
    public SecretKeyReference ApiTokenSecretRef { get; set; } = new();

    /// <summary>Alerts per list page (the query's <c>first</c>), 1..1000. Defaults to 500.</summary>
    [DefaultValue(500)]
    [Range(1, 1000)]
    public int PageSize { get; set; } = 500;

    /// <summary>Alerts per aliased detail request, 1..100; 1 sends one request per alert. Defaults to 50.</summary>
    [DefaultValue(50)]
    [Range(1, 100)]
    public int DetailBatchSize { get; set; } = 50;

    /// <summary>Detail requests in flight at once, 1..16; they share the request budget. Defaults to 4.</summary>
    [DefaultValue(4)]
    [Range(1, 16)]
    public int DetailConcurrency { get; set; } = 4;

    /// <summary>Request budget per second, shared by live collection and backfills; above 0, at most 100. Defaults to 10.</summary>
    [DefaultValue(10)]
    [Range(0d, 100d, MinimumIsExclusive = true)]
    public double RequestsPerSecond { get; set; } = 10;
}
