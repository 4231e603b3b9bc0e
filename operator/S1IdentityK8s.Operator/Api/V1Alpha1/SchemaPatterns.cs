namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>
/// Regular expressions the CRD schema enforces (RE2 syntax: the apiserver is written in Go, so no
/// look-arounds). What they cannot say is checked by the operator and reported as <c>Stalled</c>.
/// </summary>
public static class SchemaPatterns
{
    /// <summary>A Go/Kubernetes duration (<c>500ms</c>, <c>30s</c>, <c>1h30m</c>, <c>1.5h</c>) or a bare <c>0</c>; no sign, no <c>d</c>.</summary>
    public const string Duration = @"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$|^0$";

    /// <summary>
    /// A console host: <c>host</c>, <c>host:port</c>, optionally after <c>https://</c> (or <c>http://</c>,
    /// which the collector only accepts for a loopback host), with at most a trailing slash: never a path.
    /// </summary>
    public const string Hostname =
        @"^(https?://)?([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?/?$";

    /// <summary>An absolute http(s) URL without query or fragment.</summary>
    public const string Endpoint = @"^https?://[^/?#\s]+(/[^?#\s]*)?$";

    /// <summary>A DNS label (RFC 1123): what names a backfill, also used in resource names and metrics.</summary>
    public const string DnsLabel = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>A DNS subdomain (RFC 1123): the name of a Secret or a ConfigMap.</summary>
    public const string DnsSubdomain = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>A key of a Secret's or a ConfigMap's data.</summary>
    public const string SecretKey = @"^[-._a-zA-Z0-9]+$";
}
