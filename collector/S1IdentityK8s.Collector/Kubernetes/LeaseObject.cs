using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>A coordination.k8s.io/v1 Lease, as far as the collector reads and writes one.</summary>
public sealed class LeaseObject
{
    /// <summary><c>apiVersion</c>.</summary>
    [JsonPropertyOrder(-2)]
    public string ApiVersion { get; set; } = "coordination.k8s.io/v1";

    /// <summary><c>kind</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Kind { get; set; } = "Lease";

    /// <summary><c>metadata</c>.</summary>
    public KubeObjectMeta Metadata { get; set; } = new();

    /// <summary><c>spec</c>.</summary>
    public LeaseSpecObject? Spec { get; set; }

    /// <summary>
    /// Drops the managedFields read with the Lease before it is written back: the apiserver keeps them when
    /// an update omits them, and sending stale ones back would claim fields for managers that no longer own them.
    /// </summary>
    public LeaseObject WithoutManagedFields()
    {
        Metadata.Other?.Remove("managedFields");
        return this;
    }
}

/// <summary>A Lease's <c>spec</c>: the fields of leader election, and any other kept as read.</summary>
public sealed class LeaseSpecObject
{
    /// <summary><c>holderIdentity</c>; empty once released.</summary>
    public string? HolderIdentity { get; set; }

    /// <summary><c>leaseDurationSeconds</c>.</summary>
    public int? LeaseDurationSeconds { get; set; }

    /// <summary><c>acquireTime</c>, a MicroTime (see <see cref="MicroTime"/>).</summary>
    public string? AcquireTime { get; set; }

    /// <summary><c>renewTime</c>, a MicroTime (see <see cref="MicroTime"/>).</summary>
    public string? RenewTime { get; set; }

    /// <summary><c>leaseTransitions</c>.</summary>
    public int? LeaseTransitions { get; set; }

    /// <summary>Every other field (strategy, preferredHolder…), as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

/// <summary>Kubernetes' MicroTime text form.</summary>
public static class MicroTime
{
    /// <summary>
    /// <paramref name="time"/> (UTC) with exactly six fractional digits: the apiserver parses MicroTime with
    /// Go's RFC3339Micro layout, which refuses the seven digits .NET writes by default.
    /// </summary>
    public static string Format(DateTime time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
