using System.Text.RegularExpressions;
using S1IdentityK8s.Monitoring.Tests.Support;

namespace S1IdentityK8s.Monitoring.Tests.Rules;

/// <summary>
/// The chart's PrometheusRule, rendered by helm, checked and unit-tested by Debian's promtool against
/// <c>Rules/alerts.test.yaml</c>: every alert fires where it should and stays quiet where it should not.
/// </summary>
public sealed partial class RuleUnitTests
{
    private static readonly string UnitTests = MonitoringPaths.InProject("Rules", "alerts.test.yaml");

    // The alerts the issue asks for, by the names the rules give them.
    private static readonly string[] AlertNames =
    [
        "S1IdentityIntakeNotReady", "S1IdentityCollectorDown", "S1IdentityIntakeLagging", "S1IdentitySentinelOneCredentialsRefused",
        "S1IdentitySekoiaCredentialsRefused", "S1IdentityDeadLettersIncreasing", "S1IdentityDeadLettersDropped", "S1IdentityCheckpointDedupKeysDropped", "S1IdentityCheckpointStale", "S1IdentityOperatorReconcileErrors",
    ];

    [Fact]
    public async Task CheckRules_RenderedWithDefaults_Passes()
    {
        using var scratch = new ScratchDirectory("rules");
        await RenderedChart.WriteRulesFileAsync(scratch.File("rules.yaml"));

        var result = await Promtool.RunAsync("check", "rules", scratch.File("rules.yaml"));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains($"SUCCESS: {AlertNames.Length} rules found", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRules_UnitTests_Pass()
    {
        using var scratch = new ScratchDirectory("rules");
        await RenderedChart.WriteRulesFileAsync(scratch.File("rules.yaml"));
        File.Copy(UnitTests, scratch.File("alerts.test.yaml"));

        var result = await Promtool.RunAsync("test", "rules", scratch.File("alerts.test.yaml"));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("SUCCESS", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRules_ThresholdFromValues_ChangesWhenTheAlertFires()
    {
        // The same lag series (2000 s) no longer fires once the threshold is raised above it.
        using var scratch = new ScratchDirectory("rules");
        await RenderedChart.WriteRulesFileAsync(scratch.File("rules.yaml"), "prometheusRule.lagThresholdSeconds=2400");
        File.Copy(UnitTests, scratch.File("alerts.test.yaml"));

        var result = await Promtool.RunAsync("test", "rules", scratch.File("alerts.test.yaml"));

        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("alertname: S1IdentityIntakeLagging", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitTests_EveryAlert_HasAFiringAndAQuietCase()
    {
        using var scratch = new ScratchDirectory("rules");
        await RenderedChart.WriteRulesFileAsync(scratch.File("rules.yaml"));
        var rules = AlertRule.Read(scratch.File("rules.yaml"));
        var tests = await File.ReadAllTextAsync(UnitTests);

        Assert.Equal(AlertNames.Order(StringComparer.Ordinal), rules.Select(r => r.Name).Order(StringComparer.Ordinal));
        foreach (var rule in rules)
        {
            var cases = AlertCase().Matches(tests).Where(m => m.Groups["name"].Value == rule.Name).ToList();
            Assert.Contains(cases, c => c.Groups["expected"].Value.Trim() == "[]");
            Assert.Contains(cases, c => c.Groups["expected"].Value.Trim() != "[]");
        }
    }

    [Fact]
    public async Task Annotations_EveryAlert_HasSummaryDescriptionAndARunbookHeadingInTheChartReadme()
    {
        using var scratch = new ScratchDirectory("rules");
        await RenderedChart.WriteRulesFileAsync(scratch.File("rules.yaml"));
        var readme = await File.ReadAllLinesAsync(MonitoringPaths.ChartReadme);

        foreach (var rule in AlertRule.Read(scratch.File("rules.yaml")))
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Annotations.GetValueOrDefault("summary")), rule.Name);
            Assert.Contains("$labels.", rule.Annotations.GetValueOrDefault("description") ?? "", StringComparison.Ordinal);
            var anchor = rule.Annotations.GetValueOrDefault("runbook_url")?.Split('#').Last();
            // GitHub's anchor of a heading: lower case, spaces to dashes.
            Assert.Contains(readme, line => line.StartsWith('#') && line.TrimStart('#').Trim().ToLowerInvariant().Replace(' ', '-') == anchor);
        }
    }

    [GeneratedRegex(@"alertname: (?<name>\S+)\s+exp_alerts:(?<expected>[^\n]*)")]
    private static partial Regex AlertCase();
}
