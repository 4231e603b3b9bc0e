using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Chart.Tests;

/// <summary>The chart under test and this project's values and golden files, in the source tree.</summary>
internal static class ChartPaths
{
    /// <summary>The chart folder, <c>charts/s1identity-operator</c>.</summary>
    public static string Chart { get; } = Path.Combine(RepositoryPaths.Charts, "s1identity-operator");

    /// <summary>This test project's source folder (golden files are rewritten here, not in bin/).</summary>
    public static string Project { get; } = Path.Combine(RepositoryPaths.Root, "tests", "S1IdentityK8s.Chart.Tests");

    /// <summary>The golden renders, <c>Golden/&lt;case&gt;.yaml</c>.</summary>
    public static string Golden(string caseName) => Path.Combine(Project, "Golden", $"{caseName}.yaml");

    /// <summary>A values file of <c>Values/</c>; the "default" case has none.</summary>
    public static string? Values(string caseName) =>
        caseName == "default" ? null : Path.Combine(Project, "Values", $"{caseName}.yaml");

    /// <summary>A values file the schema must reject, <c>Values/Invalid/&lt;name&gt;.yaml</c>.</summary>
    public static string InvalidValues(string name) => Path.Combine(Project, "Values", "Invalid", $"{name}.yaml");
}
