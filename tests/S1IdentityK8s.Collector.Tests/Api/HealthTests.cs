using Grpc.Core;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace S1IdentityK8s.Collector.Tests.Api;

/// <summary>grpc.health.v1.Health against the real host: open, driven by live dependency state, Watch pushes transitions.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Check_QuietTenant_EveryServiceServing()
    {
        await using var host = await ApiHost.StartAsync();
        // Several empty cycles: nothing to collect is normal, not a failure.
        await host.Uam.WaitForRequestsAsync(4, ApiHost.Patience);

        foreach (var service in new[] { "", "sentinelone", "sekoia" })
        {
            var response = await host.Health.CheckAsync(new HealthCheckRequest { Service = service });
            Assert.Equal(ServingStatus.Serving, response.Status);
        }
    }

    [Fact]
    public async Task Check_UnknownService_NotFound()
    {
        await using var host = await ApiHost.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Health.CheckAsync(new HealthCheckRequest { Service = "nope" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Watch_SentinelOneCredentialsRevokedThenRestored_NotServingThenServing()
    {
        await using var host = await ApiHost.StartAsync();
        using var watch = host.Health.Watch(new HealthCheckRequest { Service = "sentinelone" });
        await watch.ResponseStream.ReadUntilAsync(r => r.Status == ServingStatus.Serving, ApiHost.Patience);

        host.Uam.Token = "rotated-by-someone-else";
        await watch.ResponseStream.ReadUntilAsync(r => r.Status == ServingStatus.NotServing, ApiHost.Patience);
        var overall = await host.Health.CheckAsync(new HealthCheckRequest { Service = "" });
        host.Uam.Token = ApiHost.ApiToken;
        await watch.ResponseStream.ReadUntilAsync(r => r.Status == ServingStatus.Serving, ApiHost.Patience);

        // Liveness must not fail over a dependency: restarting the pod would not fix it.
        Assert.Equal(ServingStatus.Serving, overall.Status);
    }

    [Fact]
    public async Task Watch_SekoiaKeyRefused_SekoiaNotServingOverallServing()
    {
        await using var host = await ApiHost.StartAsync();
        using var watch = host.Health.Watch(new HealthCheckRequest { Service = "sekoia" });
        await watch.ResponseStream.ReadUntilAsync(r => r.Status == ServingStatus.Serving, ApiHost.Patience);

        host.Intake.IntakeKey = "rotated-by-someone-else";
        host.Uam.AddAlerts(ApiHost.RecentAlerts(3, seed: 7));
        await watch.ResponseStream.ReadUntilAsync(r => r.Status == ServingStatus.NotServing, ApiHost.Patience);

        var overall = await host.Health.CheckAsync(new HealthCheckRequest { Service = "" });
        Assert.Equal(ServingStatus.Serving, overall.Status);
    }
}
