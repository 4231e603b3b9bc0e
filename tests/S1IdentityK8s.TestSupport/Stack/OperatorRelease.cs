using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.TestSupport.Stack;

/// <summary>The operator chart (<c>charts/s1identity-operator</c>) installed with helm.</summary>
public static class OperatorRelease
{
    /// <summary>The chart folder in this checkout.</summary>
    public static string ChartPath => Path.Combine(RepositoryPaths.Root, "charts", "s1identity-operator");

    /// <summary>
    /// <c>helm upgrade --install RELEASE</c> into <paramref name="namespaceName"/> (created if missing), waiting
    /// until the operator's pods are ready; <paramref name="settings"/> are <c>--set</c> pairs.
    /// </summary>
    public static async Task<CliResult> InstallAsync(
        HelmRunner helm, string release, string namespaceName, TimeSpan timeout, IEnumerable<string>? settings = null,
        CancellationToken cancellationToken = default)
    {
        var arguments = new List<string>
        {
            "upgrade", "--install", release, ChartPath, "--namespace", namespaceName, "--create-namespace",
            "--wait", "--timeout", $"{(int)timeout.TotalSeconds}s",
        };
        foreach (var setting in settings ?? [])
        {
            arguments.AddRange(["--set", setting]);
        }

        return await helm.RunAsync(arguments, timeout + TimeSpan.FromSeconds(30), cancellationToken);
    }
}
