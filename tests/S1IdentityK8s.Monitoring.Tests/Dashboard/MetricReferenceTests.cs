using System.Text.Json.Nodes;
using S1IdentityK8s.Monitoring.Tests.Rules;
using S1IdentityK8s.Monitoring.Tests.Support;
using S1IdentityK8s.TestSupport.Fixtures;
using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Monitoring.Tests.Dashboard;

/// <summary>
/// Every metric and label the dashboard and the alert rules use exists on a real collector's or the real
/// operator's <c>/metrics</c>, once each has something to report: renaming a metric fails here, not
/// silently on users' dashboards.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class MetricReferenceTests(LocalClusterFixture cluster)
{
    // Labels Prometheus itself attaches to every scraped series (target labels), not exposed by the process.
    private static readonly HashSet<string> TargetLabels = new(StringComparer.Ordinal) { "instance", "job", "namespace", "pod", "container", "service", "endpoint" };

    [Fact]
    public async Task DashboardAndRules_EveryMetricAndLabel_ExistsOnACollectorOrTheOperator()
    {
        var exposed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        ExposedMetrics.AddTo(exposed, await CollectorMetricsAsync());
        ExposedMetrics.AddTo(exposed, await OperatorMetricsAsync());
        using var scratch = new ScratchDirectory("rules");
        await RenderedChart.WriteRulesFileAsync(scratch.File("rules.yaml"));
        var expressions = DashboardExpressions().Concat(AlertRule.Read(scratch.File("rules.yaml")).Select(r => (r.Name, r.Expression))).ToList();

        var problems = new List<string>();
        foreach (var (where, expression) in expressions)
        {
            var (metrics, labels) = PromQlReferences.Of(expression);
            Assert.NotEmpty(metrics);
            problems.AddRange(metrics.Where(m => !exposed.ContainsKey(m)).Select(m => $"{where}: metric {m} is not exposed"));
            var carried = metrics.Where(exposed.ContainsKey).SelectMany(m => exposed[m]).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(labels.Where(l => !carried.Contains(l) && !TargetLabels.Contains(l))
                .Select(l => $"{where}: label {l} is on none of {string.Join(", ", metrics)}"));
        }

        Assert.True(expressions.Count > 15, $"only {expressions.Count} expressions found");
        Assert.True(problems.Count == 0, string.Join('\n', problems) + "\nexposed:\n"
            + string.Join('\n', exposed.Select(e => $"{e.Key} {{{string.Join(",", e.Value)}}}")));
    }

    // Every panel query and template variable query of the dashboard, with where it sits.
    private static IEnumerable<(string Where, string Expression)> DashboardExpressions()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(MonitoringPaths.Dashboard))!;
        foreach (var panel in dashboard["panels"]!.AsArray().OfType<JsonObject>())
        {
            foreach (var target in panel["targets"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                yield return ($"panel \"{panel["title"]}\"", target["expr"]!.GetValue<string>());
            }
        }

        foreach (var variable in dashboard["templating"]!["list"]!.AsArray().OfType<JsonObject>().Where(v => v["type"]?.GetValue<string>() == "query"))
        {
            yield return ($"variable {variable["name"]}", variable["query"]!["query"]!.GetValue<string>());
        }
    }

    // A collector that forwarded alerts, dead-lettered one, then failed a cycle: every labelled series exists.
    private static async Task<string> CollectorMetricsAsync()
    {
        var now = DateTimeOffset.UtcNow;
        await using var collector = await EmulatedCollector.StartAsync([.. EmulatedCollector.RecentAlerts(5), AlertFixtures.Oversize(now.AddMinutes(-10), seed: 3)]);
        await collector.WaitForSampleAsync("s1identity_alerts_dead_lettered_total{");
        await collector.WaitForSampleAsync("s1identity_alerts_forwarded_total{");
        collector.Uam.Token = "s1-token-rotated";
        return await collector.WaitForSampleAsync("s1identity_collection_cycle_failures_total{");
    }

    // The operator binary, leading, after reconciling an intake (Stalled: its Secrets are missing).
    private async Task<string> OperatorMetricsAsync()
    {
        await IntakeCrd.InstallAsync(cluster);
        await using var ns = await cluster.CreateNamespaceAsync("metrics");
        await using var replica = OperatorProcess.Start(cluster.KubeconfigPath, ns.Name, "operator-0", fast: false);
        (await cluster.Kubectl.ApplyAsync(StalledIntake.Yaml("acme"), ns.Name)).EnsureSuccess();
        return await replica.WaitForMetricsAsync(EmulatedCollector.Patience, "s1identity_operator_intake_ready{", "s1identity_operator_reconciles_total{");
    }
}
