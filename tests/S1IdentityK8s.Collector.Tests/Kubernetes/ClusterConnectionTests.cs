using S1IdentityK8s.Collector.Kubernetes;

namespace S1IdentityK8s.Collector.Tests.Kubernetes;

public sealed class ClusterConnectionTests : IDisposable
{
    private const string Token = "service-account-secret-token";
    private readonly string _directory = Directory.CreateTempSubdirectory("serviceaccount-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void InCluster_ServiceAccountDirectory_ServerCaAndRotatingToken()
    {
        File.WriteAllText(Path.Combine(_directory, "ca.crt"), KubeconfigReaderTests.CaPem());
        File.WriteAllText(Path.Combine(_directory, "token"), Token);
        var host = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
        var port = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT");
        Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_PORT", "443");
        try
        {
            var connection = ClusterConnection.InCluster(_directory);

            Assert.Equal(new Uri("https://10.96.0.1/"), connection.Server);
            Assert.Single(connection.CertificateAuthority!);
            Assert.Equal(Token, connection.Token!.Current());
            Assert.DoesNotContain(Token, connection.Token.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_HOST", host);
            Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_PORT", port);
        }
    }
}
