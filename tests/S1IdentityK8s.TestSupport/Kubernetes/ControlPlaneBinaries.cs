
namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// Where the local cluster's programs are: the Kubernetes binaries and helm from the cache that
/// <c>hack/local-cluster/install.sh</c> fills; etcd, kubectl, containerd and ctr from PATH.
/// </summary>
/// <param name="KubeApiServer">kube-apiserver.</param>
/// <param name="KubeControllerManager">kube-controller-manager.</param>
/// <param name="Helm">helm (v3).</param>
/// <param name="Etcd">etcd.</param>
/// <param name="Kubectl">kubectl.</param>
public sealed record ControlPlaneBinaries(
    string KubeApiServer, string KubeControllerManager, string Helm, string Etcd, string Kubectl)
{
    private static readonly SemaphoreSlim ResolveLock = new(1, 1);
    private static readonly string[] CachedNames =
        ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubelet", "kube-proxy", "helm"];

    /// <summary>kube-scheduler (beside kube-apiserver).</summary>
    public string KubeScheduler => Sibling("kube-scheduler");

    /// <summary>The kubelet (beside kube-apiserver).</summary>
    public string Kubelet => Sibling("kubelet");

    /// <summary>kube-proxy (beside kube-apiserver).</summary>
    public string KubeProxy => Sibling("kube-proxy");

    /// <summary>containerd (Debian's, on PATH).</summary>
    public static string Containerd => FindOnPath("containerd");

    /// <summary>containerd's client, ctr (on PATH).</summary>
    public static string Ctr => FindOnPath("ctr");
    private static ControlPlaneBinaries? _resolved;

    /// <summary>
    /// Finds the binaries: <c>S1K8S_BIN_DIR</c> when set, else the install cache
    /// (<c>S1K8S_CACHE_DIR</c>, default <c>~/.cache/s1identity-k8s</c>); when the cache is incomplete,
    /// runs <c>hack/local-cluster/install.sh</c> (minutes on a fresh machine, instant otherwise).
    /// </summary>
    public static async Task<ControlPlaneBinaries> ResolveAsync(CancellationToken cancellationToken = default)
    {
        await ResolveLock.WaitAsync(cancellationToken);
        try
        {
            if (_resolved is not null)
            {
                return _resolved;
            }

            var fromEnvironment = Environment.GetEnvironmentVariable("S1K8S_BIN_DIR") is { Length: > 0 } dir ? dir : null;
            var binDir = fromEnvironment ?? CachedBinDirectory();
            if (binDir is null || (fromEnvironment is null && !(IsOnPath("etcd") && IsOnPath("kubectl"))))
            {
                binDir = await RunInstallAsync(cancellationToken);
            }

            _resolved = new ControlPlaneBinaries(
                Require(Path.Combine(binDir, "kube-apiserver")),
                Require(Path.Combine(binDir, "kube-controller-manager")),
                Require(Path.Combine(binDir, "helm")),
                FindOnPath("etcd"),
                FindOnPath("kubectl"));
            return _resolved;
        }
        finally
        {
            ResolveLock.Release();
        }
    }

    private string Sibling(string name) => Require(Path.Combine(Path.GetDirectoryName(KubeApiServer)!, name));

    private static string? CachedBinDirectory()
    {
        var cache = Environment.GetEnvironmentVariable("S1K8S_CACHE_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "s1identity-k8s");
        var currentFile = Path.Combine(cache, "current");
        if (!File.Exists(currentFile))
        {
            return null;
        }

        var bin = Path.Combine(cache, File.ReadAllText(currentFile).Trim(), "bin");
        var complete = CachedNames.All(name => File.Exists(Path.Combine(bin, name)));
        return complete ? bin : null;
    }

    private static async Task<string> RunInstallAsync(CancellationToken cancellationToken)
    {
        var script = RepositoryPaths.ControlPlaneInstallScript;
        var result = await new CliRunner(script).RunAsync([], timeout: TimeSpan.FromMinutes(20), cancellationToken: cancellationToken);
        result.EnsureSuccess();
        const string Prefix = "S1K8S_BIN_DIR=";
        var line = result.StandardOutput.Split('\n').FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{script} printed no {Prefix} line:\n{result}");
        return line[Prefix.Length..].Trim();
    }

    private static string Require(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"missing {path}: run hack/local-cluster/install.sh", path);

    private static string FindOnPath(string name) =>
        SearchPath(name) ?? throw new FileNotFoundException($"{name} is not on PATH: run hack/local-cluster/install.sh", name);

    private static bool IsOnPath(string name) => SearchPath(name) is not null;

    private static string? SearchPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
