using System.Security.Cryptography;
using System.Text;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.TestSupport.Node;

/// <summary>
/// Everything a node made on the host, recorded while it runs so that a test can check, once it is gone,
/// that none of it is left: processes, mounts, network namespace, veth, cgroups, pod log folders, CNI cache
/// entries and shim sockets.
/// </summary>
/// <param name="Directory">The node folder.</param>
/// <param name="Namespace">Its network namespace.</param>
/// <param name="HostInterface">The host end of its veth pair.</param>
/// <param name="CgroupRoot">Its cgroup root.</param>
/// <param name="Pids">Its daemons' and containers' pids (pod sandboxes included).</param>
/// <param name="SandboxIds">Its pod sandboxes' ids.</param>
/// <param name="PodUids">Its pods' uids.</param>
/// <param name="ContainerdSocket">containerd's socket.</param>
public sealed record NodeTrace(
    string Directory, string Namespace, string HostInterface, string CgroupRoot, IReadOnlyList<int> Pids,
    IReadOnlyList<string> SandboxIds, IReadOnlyList<string> PodUids, string ContainerdSocket)
{
    /// <summary>Records what <paramref name="node"/> runs now.</summary>
    public static async Task<NodeTrace> RecordAsync(LocalNode node)
    {
        var trace = await RecordAsync(node.Directory);
        return trace with { Pids = [.. trace.Pids, .. node.ProcessIds] };
    }

    /// <summary>Records what the node in <paramref name="nodeDirectory"/> runs now (a node another process may own).</summary>
    public static async Task<NodeTrace> RecordAsync(string nodeDirectory)
    {
        var settings = NodeEnvironmentFile.Read(Path.Combine(nodeDirectory, NodeNetwork.EnvironmentFileName));
        var socket = ContainerdConfig.SocketPath(nodeDirectory);
        var tasks = await NodeContainers.TasksAsync(new NodeImageStore(ControlPlaneBinaries.Ctr, socket));
        var sandboxes = System.IO.Directory.EnumerateDirectories(
                Path.Combine(nodeDirectory, "containerd", "state", "io.containerd.grpc.v1.cri", "sandboxes"))
            .Select(Path.GetFileName).OfType<string>().ToList();
        var pods = System.IO.Directory.EnumerateDirectories(Path.Combine(nodeDirectory, "kubelet", "pods"))
            .Select(Path.GetFileName).OfType<string>().ToList();
        return new NodeTrace(nodeDirectory, settings["NETNS"], settings["HOST_IF"], settings["CGROUP_ROOT"],
            [.. ProcessTable.WithCommandLineContaining(nodeDirectory), .. tasks.Values], sandboxes, pods, socket);
    }

    /// <summary>What of this node is still on the host; empty when nothing is.</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync()
    {
        var left = new List<string>();
        left.AddRange(Pids.Where(ProcessTable.IsAlive).Select(p => $"process {p}: {ProcessTable.CommandLine(p)}"));
        left.AddRange(ProcessTable.WithCommandLineContaining(Directory).Select(p => $"process {p}: {ProcessTable.CommandLine(p)}"));
        left.AddRange(File.ReadAllLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4])
            .Where(m => m.StartsWith(Directory, StringComparison.Ordinal)).Select(m => $"mount {m}"));
        if (File.Exists($"/run/netns/{Namespace}"))
        {
            left.Add($"network namespace {Namespace}");
        }

        var link = await new CliRunner("ip").RunAsync("link", "show", HostInterface);
        if (link.Succeeded)
        {
            left.Add($"interface {HostInterface}");
        }

        left.AddRange(System.IO.Directory.EnumerateDirectories("/sys/fs/cgroup")
            .Select(h => Path.Combine(h, CgroupRoot.TrimStart('/'))).Where(System.IO.Directory.Exists).Select(c => $"cgroup {c}"));
        left.AddRange(PodUids.SelectMany(uid => Glob("/var/log/pods", $"*_{uid}")).Select(d => $"pod logs {d}"));
        left.AddRange(SandboxIds.SelectMany(id => Glob("/var/lib/cni/results", $"*{id}*")).Select(f => $"CNI cache {f}"));
        left.AddRange(SandboxIds.Select(ShimSocket).Where(File.Exists).Select(s => $"shim socket {s}"));
        if (System.IO.Directory.Exists(Directory))
        {
            left.Add($"folder {Directory}");
        }

        return left;
    }

    // containerd 1.6 puts a shim's socket at /run/containerd/s/sha256(ADDRESS/NAMESPACE/ID).
    private string ShimSocket(string sandboxId) =>
        "/run/containerd/s/" + Convert.ToHexString(SHA256.HashData(
            Encoding.UTF8.GetBytes($"{ContainerdSocket}/{ContainerdConfig.ImageNamespace}/{sandboxId}"))).ToLowerInvariant();

    private static IEnumerable<string> Glob(string folder, string pattern) =>
        System.IO.Directory.Exists(folder) ? System.IO.Directory.EnumerateFileSystemEntries(folder, pattern) : [];
}
