using System.Net;
using System.Net.NetworkInformation;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.TestSupport.Node;

/// <summary>
/// The network of one local node, made by <c>hack/local-cluster/node-network.sh</c>: a network namespace
/// named after the run, joined to the host by a veth pair on its own /30, with the pods' bridge inside.
/// The host end (<see cref="HostAddress"/>) is where the apiserver and the emulators listen for pods; the
/// node end (<see cref="NodeAddress"/>) is the kubelet's. Nothing in the namespace routes off the machine.
/// </summary>
/// <param name="Namespace">The network namespace (<c>/run/netns/NAME</c>), named after the run.</param>
/// <param name="HostInterface">The host end of the veth pair.</param>
/// <param name="HostAddress">The host end's address: the apiserver's and the emulators' address.</param>
/// <param name="NodeAddress">The node end's address: the kubelet's (the Node's InternalIP).</param>
/// <param name="PodSubnet">The pods' subnet on the bridge, e.g. <c>10.213.7.0/25</c>.</param>
/// <param name="PodGateway">The bridge's address, the pods' default gateway.</param>
public sealed record NodeNetwork(
    string Namespace, string HostInterface, IPAddress HostAddress, IPAddress NodeAddress, string PodSubnet, IPAddress PodGateway)
{
    /// <summary>The file the network's settings are written to, inside the node folder.</summary>
    public const string EnvironmentFileName = "node.env";

    // node-network.sh names the host end s1knNh, N being the block.
    private const string InterfacePrefix = "s1kn";

    /// <summary>Creates the network of a node whose folder is <paramref name="nodeDirectory"/>.</summary>
    public static async Task<NodeNetwork> CreateAsync(string nodeDirectory, string runId, CancellationToken cancellationToken)
    {
        var envFile = Path.Combine(nodeDirectory, EnvironmentFileName);
        var result = await new CliRunner(LocalClusterScripts.NodeNetwork).RunAsync(
            [runId, envFile], timeout: TimeSpan.FromSeconds(60), cancellationToken: cancellationToken);
        result.EnsureSuccess();
        return Read(envFile);
    }

    /// <summary>Reads the settings <c>node-network.sh</c> wrote.</summary>
    public static NodeNetwork Read(string envFile)
    {
        var values = NodeEnvironmentFile.Read(envFile);
        return new NodeNetwork(
            values["NETNS"], values["HOST_IF"], IPAddress.Parse(values["HOST_ADDRESS"]), IPAddress.Parse(values["NODE_ADDRESS"]),
            values["POD_SUBNET"], IPAddress.Parse(values["POD_GATEWAY"]));
    }

    /// <summary>Whether <paramref name="address"/> is the host end of a node network of this machine.</summary>
    public static bool IsRunAddress(IPAddress address) =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.Name.StartsWith(InterfacePrefix, StringComparison.Ordinal))
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Any(a => a.Address.Equals(address));

    /// <summary>The namespace's path, for <c>nsenter --net=</c>.</summary>
    public string NamespacePath => $"/run/netns/{Namespace}";
}
