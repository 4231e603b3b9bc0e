using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// How to reach and authenticate to the apiserver: its address, the CA its certificate must chain to, and
/// the credentials (a bearer token and/or a client certificate). Built from a kubeconfig
/// (<see cref="KubeconfigReader"/>) or from the pod's service account (<see cref="InCluster"/>).
/// </summary>
public sealed class ClusterConnection
{
    /// <summary>Where the pod's service account is mounted.</summary>
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The apiserver's base address.</summary>
    public required Uri Server { get; init; }

    /// <summary>
    /// The CA certificates the server's certificate must chain to; when set, the system's trust store is not
    /// used. Null: the system's trust store.
    /// </summary>
    public X509Certificate2Collection? CertificateAuthority { get; init; }

    /// <summary>Whether the server's certificate is not verified at all (kubeconfig <c>insecure-skip-tls-verify</c>).</summary>
    public bool SkipTlsVerify { get; init; }

    /// <summary>The client certificate (with its key) presented to the server, if any.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The bearer token sent with every request, if any.</summary>
    public BearerToken? Token { get; init; }

    /// <summary>
    /// The pod's service account, as client-go's in-cluster config: the apiserver at
    /// <c>KUBERNETES_SERVICE_HOST</c>:<c>KUBERNETES_SERVICE_PORT</c>, its CA in <c>ca.crt</c> and the (rotating)
    /// token in <c>token</c> under <paramref name="directory"/>.
    /// </summary>
    public static ClusterConnection InCluster(string directory = ServiceAccountDirectory)
    {
        var host = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
        var port = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new InvalidOperationException(
                "Not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set (set kubernetes.kubeconfig to run outside one)");
        }
        var ca = new X509Certificate2Collection();
        ca.ImportFromPemFile(Path.Combine(directory, "ca.crt"));
        var token = BearerToken.FromFile(Path.Combine(directory, "token"));
        // Read once now, so that a missing token fails at start rather than at the first request.
        _ = token.Current();
        return new ClusterConnection
        {
            Server = new UriBuilder(Uri.UriSchemeHttps, host, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)).Uri,
            CertificateAuthority = ca,
            Token = token,
        };
    }

    /// <summary>A handler that verifies the server as configured and presents the client certificate.</summary>
    internal SocketsHttpHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler();
        if (ClientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [ClientCertificate];
        }
        if (SkipTlsVerify)
        {
            // The kubeconfig asked for it (insecure-skip-tls-verify: true), as kubectl honours it.
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (CertificateAuthority is { } ca)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => ChainsTo(ca, certificate, chain, errors);
        }
        return handler;
    }

    // Trust only the configured CA: the chain is built again with it as the only root (the system's
    // verdict is ignored but for the host name, which must match whatever the root).
    private static bool ChainsTo(X509Certificate2Collection ca, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
