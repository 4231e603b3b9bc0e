using S1IdentityK8s.Monitoring.Tests.Support;

namespace S1IdentityK8s.Monitoring.Tests.Rules;

/// <summary>
/// The chart's rules in a real Prometheus scraping a real collector whose Sekoia intake key is refused:
/// the Sekoia credentials alert fires for that intake, and the SentinelOne one (whose token is accepted) does not.
/// </summary>
public sealed class CredentialsAlertEndToEndTests
{
    [Fact]
    public async Task RefusedIntakeKey_SekoiaCredentialsAlertFiresForTheIntake()
    {
        await using var collector = await EmulatedCollector.StartAsync(EmulatedCollector.RecentAlerts(5), intakeKeyRefused: true);
        using var scratch = new ScratchDirectory("rules");
        // Short `for:` so the alert fires within the test; everything else as the chart's defaults.
        await RenderedChart.WriteRulesFileAsync(scratch.File("rules.yaml"), "prometheusRule.credentialsRefusedFor=3s");
        await using var prometheus = await PrometheusServer.StartAsync(scratch.File("rules.yaml"), collector.MetricsUri);

        var alert = await prometheus.WaitForFiringAsync("S1IdentitySekoiaCredentialsRefused", EmulatedCollector.Patience);

        Assert.Equal(EmulatedCollector.Namespace, alert["labels"]!["namespace"]!.GetValue<string>());
        Assert.Equal(EmulatedCollector.Intake, alert["labels"]!["intake"]!.GetValue<string>());
        Assert.Contains("soc/acme", alert["annotations"]!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("#s1identitysekoiacredentialsrefused", alert["annotations"]!["runbook_url"]!.GetValue<string>(), StringComparison.Ordinal);
        // The token is accepted: the SentinelOne side stays quiet (its gauge is 1 by now, since alerts were read).
        var metrics = (await collector.MetricsAsync()).Split('\n');
        Assert.Contains(metrics, l => l.StartsWith("s1identity_credentials_valid{", StringComparison.Ordinal)
            && l.Contains("target=\"sentinelone\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
        // S1IdentityCollectorDown reads a collector as up while this series exists: it must, even before any commit.
        Assert.Contains(metrics, l => l.StartsWith("s1identity_checkpoint_age_seconds{", StringComparison.Ordinal));
        Assert.DoesNotContain(await prometheus.AlertsAsync(), a => a?["labels"]?["alertname"]?.GetValue<string>() == "S1IdentitySentinelOneCredentialsRefused");
    }
}
