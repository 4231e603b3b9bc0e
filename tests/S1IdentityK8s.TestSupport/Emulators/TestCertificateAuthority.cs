using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>
/// A private CA for tests, made with .NET's own crypto (ECDSA P-256, fast to generate), that issues server
/// certificates for the emulators (<see cref="UamEmulatorOptions.ServerCertificate"/>,
/// <see cref="SekoiaIntakeOptions.ServerCertificate"/>): what a private endpoint or a TLS-inspecting proxy
/// presents. Clients trust it through its PEM (<see cref="CertificatePem"/>, <see cref="WriteCertificate"/>).
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    private readonly X509Certificate2 _certificate;

    private TestCertificateAuthority(X509Certificate2 certificate)
    {
        _certificate = certificate;
    }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 Certificate => X509CertificateLoader.LoadCertificate(_certificate.RawData);

    /// <summary>The CA certificate as PEM, ending with a newline: the content of a <c>tls.caFile</c> or a CA bundle.</summary>
    public string CertificatePem => _certificate.ExportCertificatePem() + "\n";

    /// <summary>A new CA named <paramref name="name"/>, valid from an hour ago for 30 days.</summary>
    public static TestCertificateAuthority Create(string name = "s1k8s-test-ca")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return new TestCertificateAuthority(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30)));
    }

    /// <summary>Writes <see cref="CertificatePem"/> to <paramref name="path"/> and returns the path.</summary>
    public string WriteCertificate(string path)
    {
        File.WriteAllText(path, CertificatePem);
        return path;
    }

    /// <summary>
    /// A server certificate with its private key, valid for <paramref name="names"/>: each an IP address
    /// (<c>127.0.0.1</c>, <c>10.213.55.253</c>) or a DNS name (<c>localhost</c>), written into its SAN.
    /// </summary>
    public X509Certificate2 IssueServerCertificate(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Length == 0)
        {
            throw new ArgumentException("a server certificate needs at least one name", nameof(names));
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={names[0]}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, true, false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        var notAfter = _certificate.NotAfter.ToUniversalTime().AddMinutes(-1);
        using var issued = request.Create(_certificate, DateTimeOffset.UtcNow.AddHours(-1), notAfter, RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        // A round trip through PKCS#12 gives the certificate a key SslStream can use on every platform (on
        // Linux the ephemeral key works as it is; Windows and macOS want an exportable, loaded one).
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    public void Dispose() => _certificate.Dispose();
}
