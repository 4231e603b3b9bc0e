using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Pipeline;

public sealed class CredentialsTests(ITestOutputHelper output)
{
    private const string WrongToken = "wrong-token-SECRET-5150";

    public static TheoryData<string, UamUnauthorizedShape, bool> Refusals => new()
    {
        { "401 REST envelope", UamUnauthorizedShape.RestEnvelope, false },
        { "401 GraphQL envelope", UamUnauthorizedShape.GraphQLEnvelope, false },
        { "403 REST envelope", UamUnauthorizedShape.RestEnvelope, true },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task WrongToken_Refused_SlowRetryNothingDeliveredTokenNeverShown(string name, UamUnauthorizedShape shape, bool forbidden)
    {
        await using var h = await PipelineHarness.StartAsync();
        h.Uam.UnauthorizedShape = shape;
        h.Uam.DenyPermission = forbidden;
        var now = DateTimeOffset.UtcNow;
        h.Uam.AddAlerts(AlertFixtures.Generate(50, now.AddHours(-1), now.AddMinutes(-1), seed: 5));
        var token = forbidden ? PipelineHarness.ApiToken : WrongToken;

        var collector = await h.StartCollectorAsync(token);
        await h.Uam.WaitForRequestsAsync(3, PipelineHarness.Patience);

        var requests = h.Uam.Requests.Take(3).ToList();
        Assert.All(requests, r => Assert.Equal(forbidden ? 403 : 401, r.StatusCode));
        var gaps = requests.Zip(requests.Skip(1), (a, b) => b.Elapsed - a.Elapsed).ToList();
        Assert.All(gaps, g => Assert.True(g >= TimeSpan.FromSeconds(1.9), $"{name}: retried after {g.TotalSeconds:0.###}s (credentialsRetryInterval is 2s)"));
        Assert.Equal(0, h.Intake.EventCount);
        await collector.Process.WaitForOutputAsync(l => l.Contains("rejected the API token", StringComparison.Ordinal), PipelineHarness.Patience);
        Assert.Equal(0, await collector.MetricAsync("s1identity_credentials_valid", "target=\"sentinelone\""));
        var refused = await collector.MetricAsync("s1identity_requests_total", "target=\"sentinelone\"", "outcome=\"credentials\"");
        Assert.True(refused >= 2, $"requests_total{{outcome=credentials}} = {refused}:\n{await collector.MetricsAsync()}");
        var metrics = await collector.MetricsAsync();
        // The answer the operator turns into conditions: it names the failure, never the token (the sweep reads it too).
        var status = Api.EvidenceInterceptor.Format(await collector.GetStatusAsync());
        Assert.Contains("\"lastCycleError\": \"", status, StringComparison.Ordinal);
        foreach (var secret in new[] { token, PipelineHarness.IntakeKey })
        {
            Assert.DoesNotContain(secret, collector.Process.OutputText, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, metrics, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, status, StringComparison.Ordinal);
        }
        output.WriteLine($"{name}: 3 requests in {(requests[^1].Elapsed - requests[0].Elapsed).TotalSeconds:0.##}s " +
            $"(≤ {2 / (requests[^1].Elapsed - requests[0].Elapsed).TotalSeconds:0.##} req/s), 0 delivered, token absent from output and metrics");
    }
}
