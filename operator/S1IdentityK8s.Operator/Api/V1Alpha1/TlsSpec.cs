using System.ComponentModel.DataAnnotations;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>How the collector trusts the HTTPS endpoints of SentinelOne and Sekoia.</summary>
public sealed class TlsSpec
{
    /// <summary>
    /// ConfigMap key whose PEM CA certificates are trusted in addition to the system trust store, for a
    /// TLS-inspecting proxy or a private endpoint; <c>key</c> defaults to <c>ca.crt</c>. A change to the
    /// ConfigMap rolls the collector. A certificate for another host name is never accepted. Required.
    /// </summary>
    [Required]
    public CaBundleReference CaBundleRef { get; set; } = new();
}
