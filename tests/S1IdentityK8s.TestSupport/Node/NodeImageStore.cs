using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.TestSupport.Node;

/// <summary>A node's containerd image store, through <c>ctr</c> on its socket, in the CRI's namespace.</summary>
/// <param name="ctr">The ctr program.</param>
/// <param name="socket">containerd's socket.</param>
public sealed class NodeImageStore(string ctr, string socket)
{
    private readonly CliRunner _ctr = new(ctr, ["--address", socket, "--namespace", ContainerdConfig.ImageNamespace])
    {
        DefaultTimeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>Runs <c>ctr</c> with <paramref name="arguments"/> (after the socket and namespace options).</summary>
    public Task<CliResult> RunAsync(params string[] arguments) => _ctr.RunAsync(arguments);

    /// <summary>Waits until containerd answers on its socket (or its process exits).</summary>
    internal async Task WaitUntilServingAsync(SupervisedProcess containerd, CancellationToken cancellationToken)
    {
        await ClusterWait.ForAsync<CliResult>(
            async token =>
            {
                if (containerd.Exited.IsCompleted)
                {
                    throw new InvalidOperationException($"containerd exited with {await containerd.Exited}:\n{containerd.LogTail()}");
                }

                var version = await _ctr.RunAsync(["version"], timeout: TimeSpan.FromSeconds(10), cancellationToken: token);
                return version.Succeeded ? version : null;
            },
            version => version is not null, TimeSpan.FromSeconds(60), "containerd to serve its socket",
            TimeSpan.FromMilliseconds(50), cancellationToken);
    }

    /// <summary>Imports (and unpacks) every archive.</summary>
    public async Task ImportAsync(IEnumerable<string> archives, CancellationToken cancellationToken)
    {
        foreach (var archive in archives)
        {
            (await _ctr.RunAsync(["images", "import", archive], cancellationToken: cancellationToken)).EnsureSuccess();
        }
    }
}
