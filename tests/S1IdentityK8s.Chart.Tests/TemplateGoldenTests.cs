using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Chart.Tests;

/// <summary>
/// <c>helm template</c> of each values case against <c>Golden/&lt;case&gt;.yaml</c>. The release name and
/// namespace are fixed so the render is deterministic; offline, helm assumes its own Kubernetes version
/// (policy/v1 PodDisruptionBudget).
/// </summary>
public sealed class TemplateGoldenTests
{
    private const string ReleaseName = "s1identity";
    private const string ReleaseNamespace = "s1identity-system";

    [Theory]
    [InlineData("default")]
    [InlineData("namespaced")]
    [InlineData("custom")]
    [InlineData("monitoring")]
    public async Task Template_ValuesCase_MatchesGoldenFile(string caseName)
    {
        var rendered = await RenderAsync(caseName);

        GoldenFile.AssertMatches(ChartPaths.Golden(caseName), rendered);
    }

    [Fact]
    public void Describe_DifferentLine_NamesTheLineAndBothVersions()
    {
        var message = GoldenFile.Describe("a\nb\nc\n", "a\nB\nc\n");

        Assert.Contains("first difference at line 2", message, StringComparison.Ordinal);
        Assert.Contains("- b", message, StringComparison.Ordinal);
        Assert.Contains("+ B", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_Default_TakesEveryRuleOfTheGeneratedClusterRole()
    {
        var generated = await File.ReadAllTextAsync(Path.Combine(ChartPaths.Chart, "files", "clusterrole.yaml"));
        var rendered = await RenderAsync("default");

        // Each generated rule starts with "- apiGroups:"; the ClusterRole must hold as many.
        var generatedRules = CountOccurrences(generated, "- apiGroups:");
        var clusterRole = rendered[rendered.IndexOf("kind: ClusterRole\n", StringComparison.Ordinal)..];
        clusterRole = clusterRole[..clusterRole.IndexOf("\n---", StringComparison.Ordinal)];
        Assert.True(generatedRules > 0);
        Assert.Equal(generatedRules, CountOccurrences(clusterRole, "- apiGroups:"));
    }

    private static async Task<string> RenderAsync(string caseName)
    {
        var helm = await HelmRunner.CreateOfflineAsync();
        var arguments = new List<string> { "template", ReleaseName, ChartPaths.Chart, "--namespace", ReleaseNamespace };
        if (ChartPaths.Values(caseName) is { } values)
        {
            arguments.AddRange(["--values", values]);
        }

        var result = await helm.RunAsync([.. arguments]);
        Assert.True(result.Succeeded, result.ToString());
        return result.StandardOutput;
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
