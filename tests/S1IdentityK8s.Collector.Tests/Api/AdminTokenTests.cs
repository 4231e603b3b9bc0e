using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Health.V1;
using Grpc.Net.Client;
using S1IdentityK8s.Collector.Api;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Protos.Collector.V1;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Collector.Tests.Api;

/// <summary>The admin token guard on CollectorService: rejections, rotation, no token configured, no leaks.</summary>
public sealed partial class AdminTokenTests
{
    private const string WrongToken = "wrong-token-SECRET-0f9e";

    private static readonly (string Name, string? Authorization)[] RefusedCredentials =
    [
        ("no metadata", null),
        ("wrong token", "Bearer " + WrongToken),
        ("token with a suffix", "Bearer " + ApiHost.AdminToken + "x"),
        ("token prefix only", "Bearer " + ApiHost.AdminToken[..^1]),
        ("empty bearer", "Bearer "),
        ("other scheme", "Basic " + ApiHost.AdminToken),
    ];

    [Fact]
    public async Task CollectorService_RefusedCredentials_UnauthenticatedWithoutEchoingAnyToken()
    {
        // The real binary, so its whole log output can be searched for secrets.
        await using var uam = await UamEmulator.StartAsync(new UamEmulatorOptions { Token = ApiHost.ApiToken });
        await using var intake = await SekoiaIntakeEmulator.StartAsync(new SekoiaIntakeOptions { IntakeKey = ApiHost.IntakeKey });
        var root = Directory.CreateTempSubdirectory("s1k8s-auth-").FullName;
        try
        {
            var config = Path.Combine(root, "collector.yaml");
            await File.WriteAllTextAsync(config, new ApiHostSettings { LogLevel = "Debug" }.ToYaml(uam.BaseAddress, intake.BaseAddress, Path.Combine(root, "state")));
            await using var process = new CollectorProcess(config, new Dictionary<string, string?>
            {
                [CollectorSecrets.ApiTokenVariable] = ApiHost.ApiToken,
                [CollectorSecrets.IntakeKeyVariable] = ApiHost.IntakeKey,
                [CollectorSecrets.AdminTokenVariable] = ApiHost.AdminToken,
            });
            var listening = await process.WaitForOutputAsync(l => l.Contains("Collector listening on", StringComparison.Ordinal), ApiHost.Patience);
            using var channel = GrpcChannel.ForAddress(await ApiHost.GrpcAddressAsync(Address().Matches(listening.Text).Select(m => m.Value).ToList()));
            var recorded = channel.Intercept(new EvidenceInterceptor());
            var client = new CollectorService.CollectorServiceClient(recorded);

            foreach (var (name, authorization) in RefusedCredentials)
            {
                var headers = authorization is null ? new Metadata() : new Metadata { { "authorization", authorization } };
                var unary = await Assert.ThrowsAsync<RpcException>(() => client.GetStatusAsync(new GetStatusRequest(), headers).ResponseAsync);
                using var stream = client.WatchStatus(new WatchStatusRequest(), headers);
                var streaming = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext(CancellationToken.None));
                foreach (var error in new[] { unary, streaming })
                {
                    Assert.True(error.StatusCode == StatusCode.Unauthenticated, $"{name}: {error.Status}");
                    AssertNoSecret(error.Status.Detail, name);
                }
            }
            var status = await client.GetStatusAsync(new GetStatusRequest(), ApiHost.Auth);
            var health = await new Health.HealthClient(recorded).CheckAsync(new HealthCheckRequest());
            await process.StopAsync();

            Assert.Equal("api", status.IntakeName);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
            Assert.Contains(process.Output, l => l.Text.Contains("Refused /s1identity.collector.v1.CollectorService/GetStatus", StringComparison.Ordinal));
            AssertNoSecret(process.OutputText, "collector output");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task CollectorService_NoAdminTokenConfigured_FailedPrecondition()
    {
        await using var host = await ApiHost.StartAsync(new ApiHostSettings { AdminToken = null });

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.GetStatusAsync(new GetStatusRequest(), ApiHost.Auth).ResponseAsync);
        var health = await host.Health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(AdminTokenInterceptor.NoTokenMessage, error.Status.Detail);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task CollectorService_AdminTokenFileRotated_NewTokenAcceptedOldRefused()
    {
        var secrets = Directory.CreateTempSubdirectory("s1k8s-admin-").FullName;
        try
        {
            var tokenFile = Path.Combine(secrets, "admin-token");
            await File.WriteAllTextAsync(tokenFile, "first-admin-token\n");
            await using var host = await ApiHost.StartAsync(new ApiHostSettings { AdminToken = null, AdminTokenFile = tokenFile });
            await host.Client.GetStatusAsync(new GetStatusRequest(), Bearer("first-admin-token"));

            await File.WriteAllTextAsync(tokenFile, "second-admin-token-rotated\n");
            var old = await Assert.ThrowsAsync<RpcException>(() => host.Client.GetStatusAsync(new GetStatusRequest(), Bearer("first-admin-token")).ResponseAsync);
            var status = await host.Client.GetStatusAsync(new GetStatusRequest(), Bearer("second-admin-token-rotated"));

            Assert.Equal(StatusCode.Unauthenticated, old.StatusCode);
            Assert.Equal("api", status.IntakeName);
        }
        finally
        {
            Directory.Delete(secrets, recursive: true);
        }
    }

    [Theory]
    [InlineData("same", "same", true)]
    [InlineData("same", "Same", false)]
    [InlineData("short", "a-much-longer-token", false)]
    [InlineData("", "x", false)]
    public void Matches_Tokens_ComparesExactly(string presented, string expected, bool match) =>
        Assert.Equal(match, AdminTokenCheck.Matches(presented, expected));

    private static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    private static void AssertNoSecret(string text, string where)
    {
        foreach (var secret in new[] { ApiHost.AdminToken, ApiHost.AdminToken[..^1], WrongToken, ApiHost.ApiToken, ApiHost.IntakeKey })
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} contains a secret: {text}");
        }
    }

    [GeneratedRegex(@"http://[0-9.]+:\d+")]
    private static partial Regex Address();
}
