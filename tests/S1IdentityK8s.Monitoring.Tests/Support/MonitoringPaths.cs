using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Monitoring.Tests.Support;

/// <summary>The chart's monitoring files and this project's own test inputs, in the source tree.</summary>
internal static class MonitoringPaths
{
    /// <summary>The chart folder, <c>charts/s1identity-operator</c>.</summary>
    public static string Chart { get; } = Path.Combine(RepositoryPaths.Charts, "s1identity-operator");

    /// <summary>The Argo CD health check the chart ships.</summary>
    public static string ArgoCdHealth { get; } = Path.Combine(Chart, "files", "argocd-health.lua");

    /// <summary>The Grafana dashboard the chart ships.</summary>
    public static string Dashboard { get; } = Path.Combine(Chart, "files", "grafana-dashboard.json");

    /// <summary>The chart's README (runbook anchors).</summary>
    public static string ChartReadme { get; } = Path.Combine(Chart, "README.md");

    /// <summary>The CRD the operator reconciles.</summary>
    public static string Crds { get; } = Path.Combine(Chart, "crds");

    /// <summary>This project's source folder.</summary>
    public static string Project { get; } = Path.Combine(RepositoryPaths.Root, "tests", "S1IdentityK8s.Monitoring.Tests");

    /// <summary>A file of this project's source folder.</summary>
    public static string InProject(params string[] parts) => Path.Combine([Project, .. parts]);
}
