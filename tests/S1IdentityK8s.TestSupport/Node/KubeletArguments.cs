namespace S1IdentityK8s.TestSupport.Node;

/// <summary>The kubelet's command line for a <see cref="LocalNode"/>.</summary>
internal static class KubeletArguments
{
    public static IReadOnlyList<string> For(LocalNode node, string kubeconfig, string clientCaPath, string pauseImage) =>
    [
        $"--kubeconfig={kubeconfig}",
        $"--hostname-override={LocalNode.NodeName}",
        "--container-runtime=remote",
        $"--container-runtime-endpoint=unix://{node.ContainerdSocket}",
        "--runtime-request-timeout=2m",
        "--cgroup-driver=cgroupfs",
        // Pods under this run's own cgroup, never another run's or the host's /kubepods.
        $"--cgroup-root={node.CgroupRoot}",
        "--fail-swap-on=false",
        $"--node-ip={node.Network.NodeAddress}",
        $"--address={node.Network.NodeAddress}",
        $"--root-dir={Path.Combine(node.Directory, "kubelet")}",
        $"--volume-plugin-dir={Path.Combine(node.Directory, "kubelet-plugins")}",
        $"--pod-infra-container-image={pauseImage}",
        // Never evict or garbage-collect on a full disk: the images are imported once and never pulled.
        "--eviction-hard=",
        "--enforce-node-allocatable=",
        "--image-gc-high-threshold=100",
        "--image-gc-low-threshold=99",
        // Only the apiserver, with its client certificate, may call the kubelet (logs, exec, port-forward).
        $"--client-ca-file={clientCaPath}",
        "--anonymous-auth=false",
        "--authorization-mode=AlwaysAllow",
        "--read-only-port=0",
        "--healthz-bind-address=127.0.0.1",
        // Report status changes quickly: tests and `make run` wait on Ready.
        "--node-status-update-frequency=2s",
        "--sync-frequency=10s",
        "--serialize-image-pulls=false",
        // No DNS server runs (pods reach everything by IP); naming one keeps pods off the host's resolvers.
        "--cluster-dns=10.0.0.10",
        "--cluster-domain=cluster.local",
        "--v=1",
    ];
}
