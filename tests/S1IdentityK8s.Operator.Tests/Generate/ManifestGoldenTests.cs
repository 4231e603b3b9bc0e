using S1IdentityK8s.Operator.Generate;

namespace S1IdentityK8s.Operator.Tests.Generate;

/// <summary>
/// The chart's CRD and ClusterRole must be exactly what <c>operator generate</c> prints. With
/// <c>S1K8S_REGENERATE=1</c> the tests rewrite the chart's copies instead of failing.
/// </summary>
public sealed class ManifestGoldenTests
{
    public static TheoryData<string, string> Manifests => new()
    {
        { "crd", OperatorPaths.ChartCrd },
        { "rbac", OperatorPaths.ChartClusterRole },
    };

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Generate_Manifest_MatchesChartCopy(string kind, string path)
    {
        var generated = GenerateCommand.Manifests[kind]();
        if (Environment.GetEnvironmentVariable("S1K8S_REGENERATE") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run with S1K8S_REGENERATE=1 to write it");
        Assert.True(
            File.ReadAllText(path) == generated,
            $"{path} differs from `operator generate {kind}`: run with S1K8S_REGENERATE=1 to rewrite it");
    }

    [Fact]
    public void Run_UnknownManifest_PrintsUsageAndFails()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = GenerateCommand.Run(["generate", "helm"], output, error);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output.ToString());
        Assert.Contains("usage: operator generate crd|rbac", error.ToString(), StringComparison.Ordinal);
    }
}
