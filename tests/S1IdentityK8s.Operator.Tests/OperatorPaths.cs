using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Operator.Tests;

/// <summary>The operator's files in the checkout that the tests read or regenerate.</summary>
internal static class OperatorPaths
{
    /// <summary>The chart's copy of the generated CRD.</summary>
    public static string ChartCrd => Path.Combine(RepositoryPaths.Charts, "s1identity-operator", "crds", "sentineloneidentityintakes.yaml");

    /// <summary>The chart's copy of the generated ClusterRole.</summary>
    public static string ChartClusterRole => Path.Combine(RepositoryPaths.Charts, "s1identity-operator", "files", "clusterrole.yaml");

    /// <summary>The example intake with its Secrets, as documented for users (the chart ships it).</summary>
    public static string ExampleIntake => Path.Combine(RepositoryPaths.Charts, "s1identity-operator", "examples", "intake.yaml");
}
