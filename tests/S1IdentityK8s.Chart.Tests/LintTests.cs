using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Chart.Tests;

/// <summary><c>helm lint --strict</c> of the chart with each values case (warnings fail the lint).</summary>
public sealed class LintTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("namespaced")]
    [InlineData("custom")]
    [InlineData("monitoring")]
    public async Task Lint_ValuesCase_IsCleanInStrictMode(string caseName)
    {
        var helm = await HelmRunner.CreateOfflineAsync();
        var arguments = new List<string> { "lint", "--strict", ChartPaths.Chart };
        if (ChartPaths.Values(caseName) is { } values)
        {
            arguments.AddRange(["--values", values]);
        }

        var result = await helm.RunAsync([.. arguments]);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("0 chart(s) failed", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("[WARNING]", result.StandardOutput, StringComparison.Ordinal);
    }
}
