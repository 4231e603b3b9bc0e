using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// The PKI of a local control plane, made with .NET's own crypto (ECDSA P-256, fast to generate): a CA,
/// the apiserver's serving certificate signed by it (valid for 127.0.0.1, localhost and the in-cluster
/// names, and the node's host address when there is a node), the apiserver's client certificate for
/// kubelets, and the service-account token signing key pair. Written as PEM files into one folder.
/// </summary>
internal sealed class ControlPlaneCertificates
{
    private ControlPlaneCertificates(string directory, string caPem)
    {
        CaCertificatePath = Path.Combine(directory, "ca.crt");
        ServingCertificatePath = Path.Combine(directory, "apiserver.crt");
        ServingKeyPath = Path.Combine(directory, "apiserver.key");
        ServiceAccountPublicKeyPath = Path.Combine(directory, "sa.pub");
        ServiceAccountPrivateKeyPath = Path.Combine(directory, "sa.key");
        KubeletClientCertificatePath = Path.Combine(directory, "kubelet-client.crt");
        KubeletClientKeyPath = Path.Combine(directory, "kubelet-client.key");
        CaCertificatePem = caPem;
    }

    public string CaCertificatePem { get; }

    public string CaCertificatePath { get; }

    public string ServingCertificatePath { get; }

    public string ServingKeyPath { get; }

    public string ServiceAccountPublicKeyPath { get; }

    public string ServiceAccountPrivateKeyPath { get; }

    /// <summary>The certificate the apiserver presents to kubelets (logs, exec, port-forward).</summary>
    public string KubeletClientCertificatePath { get; }

    public string KubeletClientKeyPath { get; }

    /// <summary>Writes a new PKI into <paramref name="directory"/>.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="serverAddress">An address the apiserver serves on besides 127.0.0.1 (a node's host address).</param>
    public static ControlPlaneCertificates Create(string directory, IPAddress? serverAddress = null)
    {
        Directory.CreateDirectory(directory);
        var notBefore = DateTimeOffset.UtcNow.AddHours(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(30);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=s1k8s-test-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);

        using var servingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var servingRequest = new CertificateRequest("CN=kube-apiserver", servingKey, HashAlgorithmName.SHA256);
        servingRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        servingRequest.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        servingRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.Parse("10.0.0.1"));
        if (serverAddress is not null)
        {
            names.AddIpAddress(serverAddress);
        }

        foreach (var dns in new[] { "localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc" })
        {
            names.AddDnsName(dns);
        }

        servingRequest.CertificateExtensions.Add(names.Build());
        using var serving = servingRequest.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));

        using var saKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        // The kubelet authorizes every caller (AlwaysAllow) it can authenticate: only this certificate.
        using var kubeletClientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kubeletClientRequest = new CertificateRequest(
            "CN=kube-apiserver-kubelet-client,O=system:masters", kubeletClientKey, HashAlgorithmName.SHA256);
        kubeletClientRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        kubeletClientRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        kubeletClientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var kubeletClient = kubeletClientRequest.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));

        var certificates = new ControlPlaneCertificates(directory, ca.ExportCertificatePem());
        File.WriteAllText(certificates.CaCertificatePath, certificates.CaCertificatePem + "\n");
        File.WriteAllText(certificates.ServingCertificatePath, serving.ExportCertificatePem() + "\n");
        File.WriteAllText(certificates.ServingKeyPath, servingKey.ExportECPrivateKeyPem() + "\n");
        File.WriteAllText(certificates.ServiceAccountPrivateKeyPath, saKey.ExportECPrivateKeyPem() + "\n");
        File.WriteAllText(certificates.ServiceAccountPublicKeyPath, saKey.ExportSubjectPublicKeyInfoPem() + "\n");
        File.WriteAllText(certificates.KubeletClientCertificatePath, kubeletClient.ExportCertificatePem() + "\n");
        File.WriteAllText(certificates.KubeletClientKeyPath, kubeletClientKey.ExportECPrivateKeyPem() + "\n");
        return certificates;
    }
}
