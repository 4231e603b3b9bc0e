using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.PodRunner.Tests;

/// <summary>
/// The local control plane plus one pod runner serving it, shared by the collection's tests. The runner
/// carries <see cref="Sentinel"/> in its environment, which no pod may see. Against an external cluster
/// (<c>S1K8S_TEST_KUBECONFIG</c>) no runner starts: real nodes run pods there, and the tests skip.
/// </summary>
public sealed class PodRunnerCluster : ControlPlaneFixture, IAsyncLifetime
{
    /// <summary>A variable set on the runner only: its leak into a pod would be a bug.</summary>
    public const string Sentinel = "S1K8S_RUNNER_SENTINEL";

    private PodRunnerProcess? _runner;

    /// <summary>The shared runner.</summary>
    public PodRunnerProcess Runner => _runner ?? throw new InvalidOperationException("not initialized");

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (!IsLocal)
        {
            return;
        }

        _runner = await PodRunnerProcess.StartAsync(Client, KubeconfigPath, environment: new Dictionary<string, string?>
        {
            [Sentinel] = "leaked",
            ["KUBECONFIG"] = KubeconfigPath,
        });
    }

    public new async Task DisposeAsync()
    {
        if (_runner is not null)
        {
            await _runner.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
