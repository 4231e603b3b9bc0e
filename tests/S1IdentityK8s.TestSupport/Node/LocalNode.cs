using System.Globalization;
using k8s;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.TestSupport.Node;

/// <summary>
/// A real Kubernetes node beside the local control plane: containerd (its own root, state and socket in
/// the node folder), runc, Debian's CNI plugins, the kubelet and kube-proxy (iptables), all in the run's
/// own network namespace (<see cref="NodeNetwork"/>). Started in three steps so that the slow parts overlap
/// the apiserver's start: <see cref="PrepareAsync"/> (folder, reaper, network: before the apiserver, which
/// binds the network's host address), <see cref="StartRuntimeAsync"/> (containerd and the images), then
/// <see cref="JoinAsync"/> (kubelet and kube-proxy, once the apiserver answers). A reaper process runs
/// <c>hack/local-cluster/node-cleanup.sh</c> when this node is disposed, and also when the test host dies
/// without disposing it, so nothing the node made outlives it.
/// </summary>
public sealed class LocalNode : IAsyncDisposable
{
    /// <summary>The node's name (the Node object's and the kubelet's).</summary>
    public const string NodeName = "local";

    private static readonly TimeSpan CleanupPatience = TimeSpan.FromSeconds(90);
    private readonly SupervisedProcess _reaper;
    private SupervisedProcess? _containerd;
    private SupervisedProcess? _kubelet;
    private SupervisedProcess? _kubeProxy;
    private bool _disposed;

    private LocalNode(string directory, string runId, SupervisedProcess reaper)
    {
        Directory = directory;
        RunId = runId;
        _reaper = reaper;
        CgroupRoot = $"/{runId}";
    }

    /// <summary>The node folder: containerd's root and state, the kubelet's root, configs and logs.</summary>
    public string Directory { get; }

    /// <summary>The run this node belongs to (its network namespace and cgroup root are named after it).</summary>
    public string RunId { get; }

    /// <summary>The cgroup (in every v1 hierarchy) holding the node's pods.</summary>
    public string CgroupRoot { get; }

    /// <summary>The node's network; set by <see cref="PrepareAsync"/>.</summary>
    public NodeNetwork Network { get; private set; } = null!;

    /// <summary>containerd's socket, for <c>ctr -a</c>.</summary>
    public string ContainerdSocket => ContainerdConfig.SocketPath(Directory);

    /// <summary>The node's containerd image store (<c>ctr</c> on its socket).</summary>
    public NodeImageStore Images => new(ControlPlaneBinaries.Ctr, ContainerdSocket);

    /// <summary>The pids of the node's daemons and their watchdogs.</summary>
    public IReadOnlyList<int> ProcessIds =>
        [.. new[] { _containerd, _kubelet, _kubeProxy }.OfType<SupervisedProcess>().SelectMany(p => p.ProcessIds)];

    /// <summary>Makes the node folder under <paramref name="runDirectory"/>, starts the reaper, creates the network.</summary>
    public static async Task<LocalNode> PrepareAsync(string runDirectory, string runId, CancellationToken cancellationToken)
    {
        var directory = System.IO.Directory.CreateDirectory(Path.Combine(runDirectory, "node")).FullName;
        var node = new LocalNode(directory, runId, StartReaper(directory));
        try
        {
            node.Network = await NodeNetwork.CreateAsync(directory, runId, cancellationToken);
            NodeEnvironmentFile.Append(node.EnvironmentFile, "CGROUP_ROOT", node.CgroupRoot);
            NodeEnvironmentFile.Append(node.EnvironmentFile, "CNI_NETWORK", node.CniNetwork);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    private string EnvironmentFile => Path.Combine(Directory, NodeNetwork.EnvironmentFileName);

    private string CniNetwork => RunId;

    /// <summary>Starts containerd in the node's network namespace and imports <paramref name="images"/>.</summary>
    public async Task StartRuntimeAsync(NodeImages images, CancellationToken cancellationToken)
    {
        NodeCgroups.Create(CgroupRoot);
        var cni = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "cni")).FullName;
        await File.WriteAllTextAsync(Path.Combine(cni, CniConfig.FileName), CniConfig.Render(CniNetwork, Network, Directory), cancellationToken);
        var config = Path.Combine(Directory, "containerd.toml");
        await File.WriteAllTextAsync(config, ContainerdConfig.Render(Directory, images.Pause.Name), cancellationToken);
        _containerd = InNetwork("containerd", ControlPlaneBinaries.Containerd, ["--config", config], TimeSpan.FromSeconds(5));
        var store = Images;
        await store.WaitUntilServingAsync(_containerd, cancellationToken);
        await store.ImportAsync(images.Archives, cancellationToken);
    }

    /// <summary>Starts the kubelet and kube-proxy against the apiserver and waits for the Node to be Ready.</summary>
    /// <param name="client">An admin client, to watch the Node.</param>
    /// <param name="kubeconfig">The kubeconfig the kubelet and kube-proxy use.</param>
    /// <param name="clientCaPath">The CA of the apiserver's client certificate (the kubelet accepts only it).</param>
    /// <param name="binaries">Where the kubelet and kube-proxy are.</param>
    /// <param name="pauseImage">The pod sandbox image's name.</param>
    /// <param name="timeout">How long registration may take.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task JoinAsync(
        IKubernetes client, string kubeconfig, string clientCaPath, ControlPlaneBinaries binaries, string pauseImage, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        _kubelet = InNetwork("kubelet", binaries.Kubelet, KubeletArguments.For(this, kubeconfig, clientCaPath, pauseImage), TimeSpan.FromSeconds(2));
        _kubeProxy = InNetwork("kube-proxy", binaries.KubeProxy,
        [
            $"--kubeconfig={kubeconfig}",
            $"--hostname-override={NodeName}",
            "--proxy-mode=iptables",
            $"--bind-address={Network.NodeAddress}",
            // Leave the host-wide conntrack settings alone (kube-proxy would raise nf_conntrack_max).
            "--conntrack-max-per-core=0",
            "--conntrack-tcp-timeout-established=0",
            "--conntrack-tcp-timeout-close-wait=0",
            "--metrics-bind-address=127.0.0.1:10249",
            "--healthz-bind-address=127.0.0.1:10256",
            "--oom-score-adj=0",
        ], TimeSpan.FromSeconds(2));
        await NodeReadiness.WaitAsync(client, this, [_containerd!, _kubelet, _kubeProxy], timeout, cancellationToken);
    }

    /// <summary>Stops the kubelet, kube-proxy and containerd (pods keep running until <see cref="DisposeAsync"/>).</summary>
    public async Task StopDaemonsAsync()
    {
        foreach (var process in new[] { _kubeProxy, _kubelet, _containerd })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        (_kubeProxy, _kubelet, _containerd) = (null, null, null);
    }

    /// <summary>A daemon's log, for failure messages.</summary>
    public string LogTail(string daemon, int lines = 40) =>
        new[] { _containerd, _kubelet, _kubeProxy }.FirstOrDefault(p => p?.Name == daemon)?.LogTail(lines) ?? $"({daemon} not running)";

    /// <summary>Stops the daemons, then has the reaper remove everything; throws when something is left.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopDaemonsAsync();
        await _reaper.StopAsync(CleanupPatience);
        var exitCode = await _reaper.Exited;
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"node cleanup exited with {exitCode.ToString(CultureInfo.InvariantCulture)}:\n{_reaper.LogTail()}");
        }
    }

    private SupervisedProcess InNetwork(string name, string program, IEnumerable<string> arguments, TimeSpan stopGrace) =>
        SupervisedProcess.Start(name, "nsenter", [$"--net={Network.NamespacePath}", "--", program, .. arguments],
            Path.Combine(Directory, $"{name}.log"), stopGrace: stopGrace);

    // Waits for its pipe to close (this node disposed, or the test host gone), then runs the cleanup.
    private static SupervisedProcess StartReaper(string directory) =>
        SupervisedProcess.Start("node-reaper", "sh",
        [
            "-c", "trap 'exec \"$0\" \"$1\"' TERM; while :; do sleep 3600 & wait $!; done",
            LocalClusterScripts.NodeCleanup, directory,
        ],
            Path.Combine(Path.GetDirectoryName(directory)!, "node-reaper.log"),
            new Dictionary<string, string> { ["S1K8S_NODE_CLEANUP"] = directory },
            stopGrace: CleanupPatience);
}
