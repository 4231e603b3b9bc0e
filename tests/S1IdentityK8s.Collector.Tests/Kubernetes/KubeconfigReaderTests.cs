using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using S1IdentityK8s.Collector.Kubernetes;

namespace S1IdentityK8s.Collector.Tests.Kubernetes;

public sealed class KubeconfigReaderTests : IDisposable
{
    private const string Token = "kubeconfig-secret-token-0123456789";
    private readonly string _directory = Directory.CreateTempSubdirectory("kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Read_TokenAndCaData_ConnectsToTheServerTrustingOnlyThatCa()
    {
        var ca = CaPem();
        var path = Write($"""
              server: https://127.0.0.1:6443
              certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(ca))}
            """, $"""
              token: {Token}
            """);

        var connection = KubeconfigReader.Read(path);

        Assert.Equal(new Uri("https://127.0.0.1:6443"), connection.Server);
        Assert.Equal("CN=test-ca", Assert.Single(connection.CertificateAuthority!).Subject);
        Assert.False(connection.SkipTlsVerify);
        Assert.Equal(Token, connection.Token!.Current());
        Assert.Null(connection.ClientCertificate);
    }

    [Fact]
    public void Read_CaFileAndTokenFile_RelativeToTheKubeconfig()
    {
        File.WriteAllText(Path.Combine(_directory, "ca.crt"), CaPem());
        File.WriteAllText(Path.Combine(_directory, "token"), Token + "\n");
        var path = Write("""
              server: https://kube.example:443
              certificate-authority: ca.crt
            """, """
              tokenFile: token
            """);

        var connection = KubeconfigReader.Read(path);

        Assert.Single(connection.CertificateAuthority!);
        Assert.Equal(Token, connection.Token!.Current());
    }

    [Fact]
    public void Read_ClientCertificateData_LoadsCertificateWithItsKey()
    {
        using var key = ECDsa.Create();
        using var certificate = new CertificateRequest("CN=collector", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Write("""
              server: https://127.0.0.1:6443
              insecure-skip-tls-verify: true
            """, $"""
              client-certificate-data: {Base64(certificate.ExportCertificatePem())}
              client-key-data: {Base64(key.ExportPkcs8PrivateKeyPem())}
            """);

        var connection = KubeconfigReader.Read(path);

        Assert.True(connection.SkipTlsVerify);
        Assert.True(connection.ClientCertificate!.HasPrivateKey);
        Assert.Null(connection.Token);
    }

    [Theory]
    [InlineData("  exec:\n    command: aws\n", "users[u].user.exec is not supported")]
    [InlineData("  auth-provider:\n    name: gcp\n", "users[u].user.auth-provider is not supported")]
    [InlineData("  username: admin\n", "users[u].user.username is not supported")]
    [InlineData("  client-certificate-data: eA==\n", "users[u].user.client-key is not set")]
    public void Read_UnsupportedUserField_ErrorNamesTheFieldButNotTheToken(string user, string expected)
    {
        var path = Write("  server: https://127.0.0.1:6443\n", $"  token: {Token}\n{user}");

        var error = Assert.Throws<FormatException>(() => KubeconfigReader.Read(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  certificate-authority-data: not-base64!\n  server: https://h\n", "clusters[c].cluster.certificate-authority-data is not base64")]
    [InlineData("  insecure-skip-tls-verify: false\n", "clusters[c].cluster.server is not set")]
    [InlineData("  server: https://h\n  proxy-url: http://proxy\n", "clusters[c].cluster.proxy-url is not supported")]
    [InlineData("  server: ftp://h\n", "clusters[c].cluster.server is not an http(s) URL")]
    public void Read_BadClusterField_ErrorNamesTheField(string cluster, string expected)
    {
        var path = Write(cluster, $"  token: {Token}\n");

        var error = Assert.Throws<FormatException>(() => KubeconfigReader.Read(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TokenFileMissing_ErrorNamesIt()
    {
        var path = Write("  server: https://127.0.0.1:6443\n", "  tokenFile: no-such-token\n");

        var error = Assert.Throws<FormatException>(() => KubeconfigReader.Read(path));

        Assert.Contains("users[u].user.tokenFile cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CurrentContextMissing_ErrorNamesIt()
    {
        var path = Path.Combine(_directory, "config");
        File.WriteAllText(path, "apiVersion: v1\nkind: Config\ncurrent-context: elsewhere\ncontexts: []\n");

        var error = Assert.Throws<FormatException>(() => KubeconfigReader.Read(path));

        Assert.Contains("contexts[elsewhere] does not exist", error.Message, StringComparison.Ordinal);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    internal static string CaPem()
    {
        using var key = ECDsa.Create();
        var request = new CertificateRequest("CN=test-ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return ca.ExportCertificatePem();
    }

    private string Write(string cluster, string user)
    {
        var path = Path.Combine(_directory, "config");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
            {Indent(cluster)}
            users:
            - name: u
              user:
            {Indent(user)}
            contexts:
            - name: ctx
              context:
                cluster: c
                user: u
            current-context: ctx

            """);
        return path;
    }

    private static string Indent(string block) => string.Join('\n', block.TrimEnd('\n').Split('\n').Select(l => "  " + l));
}
