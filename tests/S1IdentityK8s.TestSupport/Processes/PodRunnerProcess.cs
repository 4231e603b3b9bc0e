using System.Globalization;
using System.Security.Cryptography;
using k8s;
using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.TestSupport.Processes;

/// <summary>
/// The local pod runner (scheduler + kubelet stand-in) as a child process serving a cluster with its own
/// Node and work folder. It stops itself when this test host dies (<c>--exit-with</c>). Start it with
/// <see cref="StartAsync"/>, which returns once its Node is Ready.
/// </summary>
public sealed class PodRunnerProcess : ChildProcess
{
    private PodRunnerProcess(string nodeName, string workDirectory, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment)
        : base(CollectorBinary.DotnetHost, arguments, environment)
    {
        NodeName = nodeName;
        WorkDirectory = workDirectory;
    }

    /// <summary>The runner's Node; pods may select it with <c>nodeSelector: {kubernetes.io/hostname: NODE}</c>.</summary>
    public string NodeName { get; }

    /// <summary>The runner's work folder (pod folders under <c>pods/</c>), deleted on dispose.</summary>
    public string WorkDirectory { get; }

    /// <summary>
    /// Starts a runner for <paramref name="kubeconfigPath"/> and waits (up to 30 s) until its Node is Ready.
    /// </summary>
    /// <param name="client">An admin client of the same cluster, to watch the Node.</param>
    /// <param name="kubeconfigPath">The kubeconfig the runner uses.</param>
    /// <param name="nodeName">The Node's name; defaults to <c>runner-RANDOM</c>.</param>
    /// <param name="images">Extra images (repository → dll); none by default.</param>
    /// <param name="environment">Variables to add to (or, null, remove from) the runner's environment.</param>
    public static async Task<PodRunnerProcess> StartAsync(
        IKubernetes client,
        string kubeconfigPath,
        string? nodeName = null,
        IReadOnlyDictionary<string, string>? images = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        nodeName ??= $"runner-{Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant()}";
        // Named like a run folder so that a later run removes it if this test host gets killed.
        var workDirectory = Directory.CreateTempSubdirectory(
            $"{StaleRunCleaner.RunPrefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-runner-").FullName;
        List<string> arguments =
        [
            PodRunnerBinary.FindDll(), "--kubeconfig", kubeconfigPath, "--node", nodeName, "--work-dir", workDirectory,
            "--exit-with", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        ];
        foreach (var (repository, dll) in images ?? new Dictionary<string, string>())
        {
            arguments.Add("--image");
            arguments.Add($"{repository}={dll}");
        }

        var runner = new PodRunnerProcess(nodeName, workDirectory, arguments, environment);
        try
        {
            await ClusterWait.ForAsync(
                async token => await client.CoreV1.ReadNodeAsync(nodeName, cancellationToken: token),
                node => node?.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true || runner.HasExited,
                TimeSpan.FromSeconds(30), $"node {nodeName} of the pod runner to be Ready");
            if (runner.HasExited)
            {
                throw new InvalidOperationException($"the pod runner exited with {runner.ExitCode}:\n{runner.OutputText}");
            }

            return runner;
        }
        catch
        {
            await runner.DisposeAsync();
            throw;
        }
    }

    /// <summary>The folder of <paramref name="pod"/> (<c>pods/NS_NAME_UID</c>): volumes and container logs.</summary>
    public string PodDirectory(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var meta = pod.Metadata;
        return Path.Combine(WorkDirectory, "pods", $"{meta.NamespaceProperty}_{meta.Name}_{meta.Uid}");
    }

    /// <summary>Stops the runner gracefully (it stops its pods and deletes its Node), then removes its folder.</summary>
    protected override async ValueTask DisposeAsyncCore()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(40)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Killed instead; its pods die with it (pdeathsig).
        }

        await base.DisposeAsyncCore().ConfigureAwait(false);
        StaleRunCleaner.TryDelete(WorkDirectory);
    }
}
