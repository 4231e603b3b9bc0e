using System.Net;
using k8s;
using S1IdentityK8s.Collector.Kubernetes;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Collector.Tests.Kubernetes;

/// <summary>The collector's client against the real kube-apiserver: the answers the stores rely on.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class KubeApiClientClusterTests(ControlPlaneFixture cluster) : IDisposable
{
    private readonly KubeApiClient _client = new(KubeconfigReader.Read(cluster.KubeconfigPath));

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ReadMissing_Create_CreateAgain_InvalidName_AreNotFoundConflictAndInvalid()
    {
        await using var ns = await cluster.CreateNamespaceAsync("kapi");
        var missing = await Assert.ThrowsAsync<KubeApiException>(() => _client.ReadConfigMapAsync(ns.Name, "cm", CancellationToken.None));
        var created = await _client.CreateConfigMapAsync(ns.Name, Map("cm"), CancellationToken.None);

        var again = await Assert.ThrowsAsync<KubeApiException>(() => _client.CreateConfigMapAsync(ns.Name, Map("cm"), CancellationToken.None));
        var invalid = await Assert.ThrowsAsync<KubeApiException>(() => _client.CreateConfigMapAsync(ns.Name, Map("Not_A_Name"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("AlreadyExists", again.Reason);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Contains("Not_A_Name", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplaceLease_WithAStaleVersion_Conflicts()
    {
        await using var ns = await cluster.CreateNamespaceAsync("kapi");
        var lease = new LeaseObject
        {
            Metadata = new KubeObjectMeta { Name = "writer" },
            Spec = new LeaseSpecObject { HolderIdentity = "a", LeaseDurationSeconds = 15, RenewTime = MicroTime.Format(DateTime.UtcNow) },
        };
        var created = await _client.CreateLeaseAsync(ns.Name, lease, CancellationToken.None);
        var stale = await _client.ReadLeaseAsync(ns.Name, "writer", CancellationToken.None);
        created.Spec!.HolderIdentity = "b";
        await _client.ReplaceLeaseAsync(ns.Name, "writer", created.WithoutManagedFields(), CancellationToken.None);
        stale.Spec!.HolderIdentity = "c";

        var conflict = await Assert.ThrowsAsync<KubeApiException>(
            () => _client.ReplaceLeaseAsync(ns.Name, "writer", stale.WithoutManagedFields(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("b", (await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("writer", ns.Name)).Spec.HolderIdentity);
    }

    [Fact]
    public async Task WrongToken_Unauthorized_MessageWithoutTheToken()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wrong-{Guid.NewGuid():N}.kubeconfig");
        var text = File.ReadAllText(cluster.KubeconfigPath);
        var token = KubeconfigReader.Read(cluster.KubeconfigPath).Token!.Current();
        File.WriteAllText(path, text.Replace(token, "wrong-token-abcdef", StringComparison.Ordinal));
        try
        {
            using var client = new KubeApiClient(KubeconfigReader.Read(path));

            var refused = await Assert.ThrowsAsync<KubeApiException>(() => client.ReadLeaseAsync("default", "writer", CancellationToken.None));

            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.DoesNotContain("wrong-token-abcdef", refused.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AnotherCa_ServerCertificateRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"other-ca-{Guid.NewGuid():N}.kubeconfig");
        var admin = KubeconfigReader.Read(cluster.KubeconfigPath);
        var other = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(KubeconfigReaderTests.CaPem()));
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: {admin.Server}
                certificate-authority-data: {other}
            users:
            - name: u
              user:
                token: {admin.Token!.Current()}
            contexts:
            - name: ctx
              context:
                cluster: c
                user: u
            current-context: ctx

            """);
        try
        {
            using var client = new KubeApiClient(KubeconfigReader.Read(path));

            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.ReadLeaseAsync("default", "writer", CancellationToken.None));

            Assert.IsType<System.Security.Authentication.AuthenticationException>(refused.InnerException);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static ConfigMapObject Map(string name) => new() { Metadata = new KubeObjectMeta { Name = name }, Data = new() { ["k"] = "v" } };
}
