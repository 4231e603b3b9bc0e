using S1IdentityK8s.TestSupport.Kubernetes;
using YamlDotNet.Serialization;

namespace S1IdentityK8s.Monitoring.Tests.Support;

/// <summary>The chart rendered by the real <c>helm template</c>, and the pieces monitoring tests feed to other tools.</summary>
internal static class RenderedChart
{
    /// <summary>
    /// The rule groups of the chart's PrometheusRule (its <c>spec</c>, which is exactly a Prometheus rules
    /// file) rendered with <paramref name="settings"/> (<c>--set</c> pairs) and written to <paramref name="path"/>.
    /// </summary>
    public static async Task WriteRulesFileAsync(string path, params string[] settings)
    {
        var rendered = await TemplateAsync("templates/prometheusrule.yaml", ["prometheusRule.enabled=true", .. settings]);
        var rule = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(rendered);
        await File.WriteAllTextAsync(path, new SerializerBuilder().Build().Serialize(rule["spec"]));
    }

    /// <summary><c>helm template</c> of one template with <paramref name="settings"/>; fails the test when helm does.</summary>
    public static async Task<string> TemplateAsync(string template, IEnumerable<string> settings)
    {
        var helm = await HelmRunner.CreateOfflineAsync();
        var arguments = new List<string> { "template", "s1identity", MonitoringPaths.Chart, "--namespace", "s1identity-system", "--show-only", template };
        foreach (var setting in settings)
        {
            arguments.AddRange(["--set", setting]);
        }

        var result = await helm.RunAsync([.. arguments]);
        Assert.True(result.Succeeded, result.ToString());
        return result.StandardOutput;
    }
}
