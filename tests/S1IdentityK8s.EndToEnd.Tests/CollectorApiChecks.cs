using System.Text;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using S1IdentityK8s.Protos.Collector.V1;
using S1IdentityK8s.TestSupport.Kubernetes;
using Xunit.Abstractions;

namespace S1IdentityK8s.EndToEnd.Tests;

/// <summary>The README's gRPC flow: port-forward to the collector, the admin token from its Secret, a reflection client.</summary>
internal sealed class CollectorApiChecks(LocalClusterFixture cluster, ITestOutputHelper output)
{
    public async Task PortForwardFlowAsync(string ns, string intake, int forwardedAtLeast)
    {
        // TOKEN=$(kubectl get secret ... -o jsonpath='{.data.token}' | base64 -d)
        var encoded = (await cluster.Kubectl.RunAsync(
            "get", "secret", "-n", ns, $"{intake}-collector-admin", "-o", "jsonpath={.data.token}")).EnsureSuccess().StandardOutput;
        var token = Encoding.UTF8.GetString(Convert.FromBase64String(encoded.Trim()));

        // kubectl port-forward -n NS deploy/INTAKE-collector 50051:50051 (a free local port here).
        await using var forward = await PortForward.StartAsync(
            cluster.Kubectl, cluster.Binaries!.Kubectl, ns, $"deploy/{intake}-collector", 50051);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{forward.LocalPort}");

        // grpcurl -plaintext localhost:50051 list
        var services = await ListServicesAsync(channel);
        Assert.Contains("s1identity.collector.v1.CollectorService", services);
        Assert.Contains("grpc.health.v1.Health", services);

        // grpcurl -plaintext localhost:50051 grpc.health.v1.Health/Check
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "" });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        // grpcurl -plaintext -H "authorization: Bearer $TOKEN" ... CollectorService/GetStatus
        var collector = new CollectorService.CollectorServiceClient(channel);
        var status = await collector.GetStatusAsync(new GetStatusRequest(), new Metadata { { "authorization", $"Bearer {token}" } });
        Assert.True(status.AlertsForwardedTotal >= forwardedAtLeast, $"forwarded {status.AlertsForwardedTotal}");
        var refused = await Assert.ThrowsAsync<RpcException>(() => collector.GetStatusAsync(new GetStatusRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        output.WriteLine($"port-forward 127.0.0.1:{forward.LocalPort} → collector: {string.Join(", ", services)}; health SERVING; "
            + $"GetStatus forwarded {status.AlertsForwardedTotal}; without the token {refused.StatusCode}");
    }

    private static async Task<List<string>> ListServicesAsync(GrpcChannel channel)
    {
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return [.. call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name)];
    }
}
