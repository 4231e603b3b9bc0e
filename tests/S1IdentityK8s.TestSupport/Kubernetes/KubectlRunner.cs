namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>Runs the machine's <c>kubectl</c> against one kubeconfig.</summary>
public sealed class KubectlRunner
{
    private readonly CliRunner _runner;

    /// <summary>A runner for <paramref name="kubeconfigPath"/>.</summary>
    /// <param name="kubectl">The kubectl binary.</param>
    /// <param name="kubeconfigPath">The kubeconfig every run uses.</param>
    /// <param name="cacheDirectory">kubectl's discovery cache folder (keeps ~/.kube untouched).</param>
    public KubectlRunner(string kubectl, string kubeconfigPath, string cacheDirectory)
    {
        KubeconfigPath = kubeconfigPath;
        _runner = new CliRunner(
            kubectl,
            [$"--kubeconfig={kubeconfigPath}", $"--cache-dir={cacheDirectory}"],
            new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfigPath });
    }

    /// <summary>The kubeconfig every run uses.</summary>
    public string KubeconfigPath { get; }

    /// <summary>Runs <c>kubectl ARGS</c> (60 s timeout); a failure is returned, not thrown.</summary>
    public Task<CliResult> RunAsync(params string[] arguments) => _runner.RunAsync(arguments);

    /// <summary>Runs <c>kubectl ARGS</c> with stdin and a timeout; a failure is returned, not thrown.</summary>
    public Task<CliResult> RunAsync(
        IEnumerable<string> arguments,
        string? standardInput,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        _runner.RunAsync(arguments, standardInput, timeout, cancellationToken);

    /// <summary><c>kubectl apply -f -</c> of <paramref name="manifest"/>; a failure is returned, not thrown.</summary>
    /// <param name="manifest">YAML or JSON, one or more documents.</param>
    /// <param name="namespaceName">The namespace for objects that name none; null for the default.</param>
    public Task<CliResult> ApplyAsync(string manifest, string? namespaceName = null) =>
        _runner.RunAsync(
            namespaceName is null ? ["apply", "-f", "-"] : ["apply", "-n", namespaceName, "-f", "-"],
            manifest);
}
