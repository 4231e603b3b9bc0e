using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace S1IdentityK8s.Collector.Tls;

/// <summary>
/// Decides whether the certificate a server presents to the collector (SentinelOne, Sekoia) is trusted:
/// whatever the platform accepts (system trust store, right host name) is; a certificate whose only fault is
/// a chain the system does not trust is accepted when its chain builds to one of the extra CAs of
/// <c>tls.caFile</c> (a TLS-inspecting proxy, a private endpoint). A host name mismatch never is. A refusal
/// throws <see cref="ServerCertificateRejectedException"/> saying why, rather than returning false, so the
/// reason reaches the error the caller reports.
/// </summary>
public sealed class ServerCertificateTrust
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    private readonly X509Certificate2Collection _extraCas;

    /// <summary>Trusts the system store plus <paramref name="extraCas"/> (may be empty).</summary>
    public ServerCertificateTrust(IReadOnlyList<X509Certificate2> extraCas)
    {
        ArgumentNullException.ThrowIfNull(extraCas);
        _extraCas = [.. extraCas];
    }

    /// <summary>
    /// A <see cref="RemoteCertificateValidationCallback"/>: true when the certificate is trusted; otherwise
    /// throws <see cref="ServerCertificateRejectedException"/>.
    /// </summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            throw new ServerCertificateRejectedException("the server presented no certificate");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            throw new ServerCertificateRejectedException("the server certificate is not issued for this host name (a TLS-inspecting proxy must sign it for the name)");
        }

        // Only chain errors are left: the certificate may come from a CA of tls.caFile.
        if (_extraCas.Count == 0)
        {
            throw new ServerCertificateRejectedException(
                $"the server certificate is not trusted ({Statuses(chain)}); for a private CA or a TLS-inspecting proxy, set tls.caFile");
        }

        var problem = BuildWithExtraCas(certificate, chain);
        return problem is null
            ? true
            : throw new ServerCertificateRejectedException(
                $"the server certificate chains neither to a system CA nor to one of tls.caFile ({problem})");
    }

    // Null when the chain builds to one of the extra CAs, otherwise what stopped it.
    private string? BuildWithExtraCas(X509Certificate certificate, X509Chain? presented)
    {
        using var custom = new X509Chain();
        var policy = custom.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(_extraCas);
        // Intermediates: those the server sent, and any in the CA file.
        policy.ExtraStore.AddRange(_extraCas);
        if (presented is not null)
        {
            policy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
            foreach (var element in presented.ChainElements.Skip(1))
            {
                policy.ExtraStore.Add(element.Certificate);
            }
        }

        // As the platform's own check for HttpClient: the server-authentication purpose, no revocation check.
        policy.ApplicationPolicy.Add(ServerAuthentication);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        var leaf = certificate as X509Certificate2;
        using var loaded = leaf is null ? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()) : null;
        return custom.Build(leaf ?? loaded!) ? null : Statuses(custom);
    }

    private static string Statuses(X509Chain? chain)
    {
        var statuses = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList() ?? [];
        return statuses.Count == 0 ? "untrusted chain" : string.Join(", ", statuses);
    }
}
