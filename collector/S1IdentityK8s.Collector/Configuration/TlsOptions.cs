using System.Security.Cryptography.X509Certificates;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// <c>tls</c>: how outbound HTTPS to SentinelOne and Sekoia is trusted. The system trust store always is;
/// <c>caFile</c> adds private CAs (a TLS-inspecting proxy, a private endpoint). Read once at start.
/// </summary>
public sealed class TlsOptions
{
    /// <summary><c>caFile</c>: absolute path of a PEM file of CA certificates trusted besides the system store. Default none.</summary>
    public string? CaFile { get; init; }

    /// <summary>The certificates read from <see cref="CaFile"/> when the config was loaded; empty without one.</summary>
    public IReadOnlyList<X509Certificate2> CaCertificates { get; init; } = [];
}
