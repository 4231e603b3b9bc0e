namespace S1IdentityK8s.TestSupport.Node;

/// <summary>
/// containerd's configuration for one node: its own root, state and socket inside the node folder, so
/// runs never share anything; CNI from Debian's plugins with the node's own conflist; the pause image we
/// build as the sandbox image. Everything else keeps containerd's defaults.
/// </summary>
internal static class ContainerdConfig
{
    /// <summary>The CRI's image namespace, where the kubelet looks for images.</summary>
    public const string ImageNamespace = "k8s.io";

    /// <summary>The TOML text.</summary>
    /// <param name="nodeDirectory">The node folder.</param>
    /// <param name="sandboxImage">The pause image's name.</param>
    public static string Render(string nodeDirectory, string sandboxImage) => $"""
        # Written by the local node fixture (tests/S1IdentityK8s.TestSupport/Node).
        version = 2
        root = "{nodeDirectory}/containerd/root"
        state = "{nodeDirectory}/containerd/state"
        # Plugins that need kernel features or folders this node does not use.
        disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
          "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.zfs", "io.containerd.internal.v1.opt",
          "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]

        [grpc]
          address = "{SocketPath(nodeDirectory)}"

        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = "{sandboxImage}"
          # These machines run without CAP_SYS_RESOURCE: runc could not lower oom_score_adj and every
          # sandbox would fail with "can't get final child's PID from pipe: EOF".
          restrict_oom_score_adj = true
          # Pod network namespaces under the node folder, not /var/run/netns: the cleanup finds them there.
          netns_mounts_under_state_dir = true

          [plugins."io.containerd.grpc.v1.cri".cni]
            bin_dir = "/usr/lib/cni"
            conf_dir = "{nodeDirectory}/cni"

          [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
            runtime_type = "io.containerd.runc.v2"

          [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
            Root = "{nodeDirectory}/containerd/state/runc"

        """;

    /// <summary>containerd's socket inside the node folder.</summary>
    public static string SocketPath(string nodeDirectory) => Path.Combine(nodeDirectory, "containerd.sock");
}
