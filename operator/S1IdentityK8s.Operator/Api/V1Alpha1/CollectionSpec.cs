using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>
/// The live collection cycle. Durations are Go/Kubernetes strings (<c>500ms</c>, <c>30s</c>, <c>5m</c>,
/// <c>1h30m</c>; no <c>d</c>: write <c>24h</c>).
/// </summary>
public sealed class CollectionSpec
{
    /// <summary>Pause between two live cycles, at least 1s. Defaults to 60s.</summary>
    [DefaultValue("60s")]
    [RegularExpression(SchemaPatterns.Duration)]
    public string PollInterval { get; set; } = "60s";

    /// <summary>A cycle reads alerts detected up to now minus this delay, giving late indexing time. Defaults to 30s.</summary>
    [DefaultValue("30s")]
    [RegularExpression(SchemaPatterns.Duration)]
    public string SettleDelay { get; set; } = "30s";

    /// <summary>Window re-read behind the watermark on every cycle; what was already sent is filtered out. Defaults to 10m.</summary>
    [DefaultValue("10m")]
    [RegularExpression(SchemaPatterns.Duration)]
    public string Overlap { get; set; } = "10m";

    /// <summary>How far back the very first cycle starts, above 0. Defaults to 24h.</summary>
    [DefaultValue("24h")]
    [RegularExpression(SchemaPatterns.Duration)]
    public string InitialLookback { get; set; } = "24h";

    /// <summary>Second pass on <c>updatedAt</c> so that an alert updated after delivery is sent again. Defaults to true.</summary>
    [DefaultValue(true)]
    public bool CollectUpdates { get; set; } = true;

    /// <summary>Pause before retrying after SentinelOne or Sekoia refused the credentials (no hot loop). Defaults to 1m.</summary>
    [DefaultValue("1m")]
    [RegularExpression(SchemaPatterns.Duration)]
    public string CredentialsRetryInterval { get; set; } = "1m";
}
