namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// Runs the cached <c>helm</c> (v3) against one kubeconfig, with helm's cache, config and data folders
/// kept under <c>helmHome</c> so runs never touch the user's own.
/// </summary>
public sealed class HelmRunner
{
    private readonly CliRunner _runner;

    /// <summary>A runner for <paramref name="kubeconfigPath"/>.</summary>
    /// <param name="helm">The helm binary.</param>
    /// <param name="kubeconfigPath">The kubeconfig; null for commands that need no cluster (lint, template).</param>
    /// <param name="helmHome">The folder for helm's cache, config and data.</param>
    public HelmRunner(string helm, string? kubeconfigPath, string helmHome)
    {
        var environment = new Dictionary<string, string>
        {
            ["HELM_CACHE_HOME"] = Path.Combine(helmHome, "cache"),
            ["HELM_CONFIG_HOME"] = Path.Combine(helmHome, "config"),
            ["HELM_DATA_HOME"] = Path.Combine(helmHome, "data"),
        };
        if (kubeconfigPath is not null)
        {
            environment["KUBECONFIG"] = kubeconfigPath;
        }

        _runner = new CliRunner(helm, [], environment);
    }

    /// <summary>A runner for cluster-less commands (lint, template), helm from the install cache.</summary>
    public static async Task<HelmRunner> CreateOfflineAsync(CancellationToken cancellationToken = default)
    {
        var binaries = await ControlPlaneBinaries.ResolveAsync(cancellationToken);
        return new HelmRunner(binaries.Helm, null, Path.Combine(Path.GetTempPath(), "s1k8s-helm-home"));
    }

    /// <summary>Runs <c>helm ARGS</c> (60 s timeout); a failure is returned, not thrown.</summary>
    public Task<CliResult> RunAsync(params string[] arguments) => _runner.RunAsync(arguments);

    /// <summary>Runs <c>helm ARGS</c> with a timeout; a failure is returned, not thrown.</summary>
    public Task<CliResult> RunAsync(
        IEnumerable<string> arguments, TimeSpan? timeout, CancellationToken cancellationToken = default) =>
        _runner.RunAsync(arguments, null, timeout, cancellationToken);
}
