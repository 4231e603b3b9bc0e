namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>How <see cref="ControlPlaneFixture"/> gets its cluster.</summary>
public sealed record ControlPlaneOptions
{
    /// <summary>The environment variable naming an existing cluster's kubeconfig to test against.</summary>
    public const string ExternalKubeconfigVariable = "S1K8S_TEST_KUBECONFIG";

    /// <summary>
    /// A kubeconfig of an existing cluster to use instead of starting local processes. Defaults to the
    /// value of <c>S1K8S_TEST_KUBECONFIG</c> (null when unset: start a local control plane).
    /// </summary>
    public string? ExternalKubeconfig { get; init; } = ExternalKubeconfigFromEnvironment();

    /// <summary>
    /// Whether the local plane also runs kube-controller-manager (garbage collection, namespace
    /// deletion, default ServiceAccounts, Deployment → ReplicaSet → Pod). Defaults to true.
    /// </summary>
    public bool StartControllerManager { get; init; } = true;

    /// <summary>
    /// Whether the local cluster also runs a real node: kube-scheduler, and a <see cref="Node.LocalNode"/>
    /// (containerd, runc, CNI, kubelet, kube-proxy) with the images of <c>make images</c> imported, so pods
    /// run for real. Implies kube-controller-manager. Defaults to false.
    /// </summary>
    public bool StartNode { get; init; }

    /// <summary>
    /// How long the node may take to register Ready once the apiserver answers (the kubelet's first status,
    /// kube-proxy's first sync; slower when several clusters start at once on a busy machine). Defaults to 3 minutes.
    /// </summary>
    public TimeSpan NodeStartTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How many non-admin token users the local apiserver knows (user-1..user-N). Defaults to 8.</summary>
    public int UserPoolSize { get; init; } = 8;

    /// <summary>How long starting (or restarting) the apiserver may take until /readyz. Defaults to 60 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether the test run targets an existing cluster (<c>S1K8S_TEST_KUBECONFIG</c> is set).</summary>
    public static bool UsesExternalCluster => ExternalKubeconfigFromEnvironment() is not null;

    private static string? ExternalKubeconfigFromEnvironment() =>
        Environment.GetEnvironmentVariable(ExternalKubeconfigVariable) is { Length: > 0 } path ? path : null;
}
