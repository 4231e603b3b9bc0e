using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Chart.Tests;

/// <summary>values.schema.json rejects bad values files, and helm's error names the offending key.</summary>
public sealed class SchemaTests
{
    [Theory]
    [InlineData("replica-count-negative", "replicaCount")]
    [InlineData("rbac-scope-unknown", "rbac.scope")]
    [InlineData("pull-policy-unknown", "image.pullPolicy")]
    [InlineData("top-level-key-unknown", "watchNamespace")]
    [InlineData("namespaced-without-namespaces", "rbac.watchNamespaces")]
    [InlineData("resources-string", "resources")]
    [InlineData("watch-namespace-invalid", "rbac.watchNamespaces.0")]
    [InlineData("service-monitor-interval-invalid", "metrics.serviceMonitor.interval")]
    [InlineData("pod-annotation-not-string", "podAnnotations.prometheus.io/scrape")]
    [InlineData("status-poll-interval-unitless", "statusPollInterval")]
    [InlineData("prometheus-rule-for-unitless", "prometheusRule.notReadyFor")]
    [InlineData("prometheus-rule-threshold-not-number", "prometheusRule.lagThresholdSeconds")]
    public async Task Template_InvalidValues_FailsNamingTheKey(string valuesCase, string offendingKey)
    {
        var helm = await HelmRunner.CreateOfflineAsync();

        var result = await helm.RunAsync(
            "template", "s1identity", ChartPaths.Chart, "--values", ChartPaths.InvalidValues(valuesCase));

        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("don't meet the specifications of the schema", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(offendingKey, result.StandardError, StringComparison.Ordinal);
    }
}
