using Grpc.Health.V1;
using S1IdentityK8s.TestSupport.Emulators;
using S1IdentityK8s.TestSupport.Fixtures;
using S1IdentityK8s.TestSupport.Processes;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Pipeline;

/// <summary>
/// Both emulators over HTTPS with certificates from a private CA, as behind a TLS-inspecting proxy or at a
/// private endpoint: trusted only through <c>tls.caFile</c>, never for a name the certificate does not hold.
/// </summary>
public sealed class TlsTests(ITestOutputHelper output)
{
    // One SentinelOne call is 1 attempt + 4 retries (CollectorHttpClients) before the cycle fails.
    private const int AttemptsPerFailedCycle = 5;

    [Fact]
    public async Task CaFile_EmulatorsOnHttpsFromPrivateCa_AlertsDelivered()
    {
        using var ca = TestCertificateAuthority.Create();
        await using var h = await PipelineHarness.StartAsync(ca.IssueServerCertificate("127.0.0.1"), ca.IssueServerCertificate("127.0.0.1"));
        ca.WriteCertificate(Path.Combine(h.Root, "ca.crt"));
        // Relative to the config file, like every path in it.
        h.Settings.ExtraYaml = "tls: {caFile: ca.crt}";
        var now = DateTimeOffset.UtcNow;
        var alerts = AlertFixtures.Generate(120, now.AddHours(-1), now.AddMinutes(-1), seed: 21);
        h.Uam.AddAlerts(alerts);

        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById().Count == alerts.Count, PipelineHarness.Patience);

        Assert.Equal(("https", "https"), (h.Uam.BaseAddress.Scheme, h.Intake.BaseAddress.Scheme));
        Assert.Empty(h.Intake.MissingIds(alerts.Select(a => a["id"]!.GetValue<string>())));
        Assert.Contains(collector.Process.Output, l => l.Text.Contains("trusts the system CAs and 1 certificates of", StringComparison.Ordinal));
        Assert.Equal(0, await collector.MetricAsync("s1identity_requests_total", "outcome=\"network\""));
        output.WriteLine($"{alerts.Count} alerts over HTTPS from a private CA: {h.Uam.RequestCount} UAM requests on {h.Uam.ConnectionCount} connections, " +
            $"{h.Intake.RequestCount} intake requests on {h.Intake.ConnectionCount}");
    }

    [Fact]
    public async Task NoCaFile_PrivateCa_StaysUpReportsCertificateFailureWithoutHotLoop()
    {
        using var ca = TestCertificateAuthority.Create();
        await using var h = await PipelineHarness.StartAsync(ca.IssueServerCertificate("127.0.0.1"), ca.IssueServerCertificate("127.0.0.1"));
        var now = DateTimeOffset.UtcNow;
        h.Uam.AddAlerts(AlertFixtures.Generate(20, now.AddHours(-1), now.AddMinutes(-1), seed: 22));
        // The failed cycle is retried after about a poll interval: long enough to count the first cycle's attempts alone.
        h.Settings.PollInterval = "3s";

        var collector = await h.StartCollectorAsync();
        var failure = await collector.Process.WaitForOutputAsync(l => l.Contains("Collection cycle failed", StringComparison.Ordinal), PipelineHarness.Patience);
        var attemptsInFirstCycle = h.Uam.ConnectionCount;
        // The loop goes on after the failure: the next cycle connects again.
        await h.Uam.WaitForConnectionsAsync(attemptsInFirstCycle + 1, PipelineHarness.Patience);
        var status = await collector.GetStatusAsync();
        var health = collector.Health;
        var overall = await health.CheckAsync(new HealthCheckRequest());
        var sentinelOne = await health.CheckAsync(new HealthCheckRequest { Service = "sentinelone" });

        Assert.True(failure.Text.Contains("TLS handshake failed: the server certificate is not trusted (PartialChain)", StringComparison.Ordinal), failure.Text);
        Assert.Contains("set tls.caFile", status.LastCycleError, StringComparison.Ordinal);
        Assert.StartsWith("SentinelOne unreachable: TLS handshake failed", status.Sentinelone.LastError, StringComparison.Ordinal);
        // Failing, not Degraded: retrying alone will not cure it (the operator shows SourceReachable=False).
        Assert.Equal(S1IdentityK8s.Protos.Collector.V1.SubsystemState.Failing, status.Sentinelone.State);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, overall.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, sentinelOne.Status);
        Assert.False(collector.Process.HasExited);
        Assert.True(attemptsInFirstCycle <= AttemptsPerFailedCycle, $"{attemptsInFirstCycle} TLS connections before the first cycle failed");
        Assert.Equal(0, h.Uam.RequestCount);
        Assert.Equal((0, 0), (h.Intake.ConnectionCount, h.Intake.EventCount));
        Assert.True(await collector.MetricAsync("s1identity_requests_total", "target=\"sentinelone\"", "outcome=\"network\"") >= attemptsInFirstCycle);
        Assert.Equal(1, await collector.MetricAsync("s1identity_collection_cycle_failures_total", "kind=\"Transport\""));
        output.WriteLine($"without tls.caFile: {attemptsInFirstCycle} refused handshakes, then \"{status.LastCycleError}\"");
    }

    [Fact]
    public async Task CaFile_IntakeCertificateForAnotherName_RefusedNothingDelivered()
    {
        using var ca = TestCertificateAuthority.Create();
        await using var h = await PipelineHarness.StartAsync(ca.IssueServerCertificate("127.0.0.1"), ca.IssueServerCertificate("intake.example.com"));
        ca.WriteCertificate(Path.Combine(h.Root, "ca.crt"));
        h.Settings.ExtraYaml = "tls: {caFile: ca.crt}";
        var now = DateTimeOffset.UtcNow;
        h.Uam.AddAlerts(AlertFixtures.Generate(20, now.AddHours(-1), now.AddMinutes(-1), seed: 23));

        var collector = await h.StartCollectorAsync();
        // The intake client retries a refused handshake with backoff, recording why before it waits.
        await h.Intake.WaitForConnectionsAsync(2, PipelineHarness.Patience);
        var status = await collector.GetStatusAsync();

        Assert.Contains("TLS handshake failed: the server certificate is not issued for this host name", status.Sekoia.LastError, StringComparison.Ordinal);
        Assert.Equal(S1IdentityK8s.Protos.Collector.V1.SubsystemState.Failing, status.Sekoia.State);
        Assert.True(h.Uam.RequestCount > 0, "the same CA's certificate for the right name was refused too");
        Assert.Equal((0, 0), (h.Intake.RequestCount, h.Intake.EventCount));
        Assert.Equal(0, status.AlertsForwardedTotal);
        Assert.True(await collector.MetricAsync("s1identity_requests_total", "target=\"sekoia\"", "outcome=\"network\"") >= 1);
        Assert.False(collector.Process.HasExited);
        output.WriteLine($"intake certificate for intake.example.com at 127.0.0.1: \"{status.Sekoia.LastError}\"");
    }

    public static TheoryData<string, string?, string> UnusableCaFiles => new()
    {
        { "missing file", null, "not found" },
        { "a private key, no certificate", System.Security.Cryptography.ECDsa.Create().ExportECPrivateKeyPem(), "no certificate in it" },
        { "empty file", "", "no certificate in it" },
    };

    [Theory]
    [MemberData(nameof(UnusableCaFiles))]
    public async Task Start_UnusableCaFile_ExitsWithConfigErrorNamingTlsCaFile(string name, string? content, string reason)
    {
        await using var h = await PipelineHarness.StartAsync();
        var caFile = Path.Combine(h.Root, "ca.crt");
        if (content is not null)
        {
            await File.WriteAllTextAsync(caFile, content);
        }
        h.Settings.ExtraYaml = $"tls: {{caFile: {caFile}}}";
        await h.WriteConfigAsync();

        await using var process = new CollectorProcess(h.ConfigPath, new Dictionary<string, string?>
        {
            ["S1_API_TOKEN"] = PipelineHarness.ApiToken,
            ["SEKOIA_INTAKE_KEY"] = PipelineHarness.IntakeKey,
        });
        // The exit may be seen before the last output line: wait for the line itself.
        var error = await process.WaitForOutputAsync(l => l.StartsWith("config error: tls.caFile", StringComparison.Ordinal), PipelineHarness.Patience);
        var exitCode = await process.WaitForExitAsync(PipelineHarness.Patience);

        Assert.Equal(2, exitCode);
        Assert.True(error.IsError, name);
        Assert.Equal($"config error: tls.caFile: expected a PEM file holding at least one CA certificate, got '{caFile}' ({reason})", error.Text);
        Assert.Equal((0, 0), (h.Uam.ConnectionCount, h.Intake.ConnectionCount));
    }
}
