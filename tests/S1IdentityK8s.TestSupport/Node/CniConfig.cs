using System.Text.Json.Nodes;

namespace S1IdentityK8s.TestSupport.Node;

/// <summary>
/// The node's CNI network: Debian's bridge plugin on the bridge <c>node-network.sh</c> made (gateway
/// address already on it), host-local addresses from the node's pod subnet with their state in the node
/// folder, portmap and loopback. No masquerading: pods only ever talk to addresses of this run.
/// </summary>
internal static class CniConfig
{
    /// <summary>The conflist's file name (containerd loads the first one in its folder).</summary>
    public const string FileName = "10-s1k8s.conflist";

    /// <summary>The JSON text for <paramref name="network"/>, named <paramref name="networkName"/>.</summary>
    public static string Render(string networkName, NodeNetwork network, string nodeDirectory) => new JsonObject
    {
        ["cniVersion"] = "0.4.0",
        ["name"] = networkName,
        ["plugins"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "bridge",
                ["bridge"] = "cni0",
                ["isGateway"] = true,
                ["ipMasq"] = false,
                ["hairpinMode"] = true,
                ["ipam"] = new JsonObject
                {
                    ["type"] = "host-local",
                    ["ranges"] = new JsonArray(new JsonArray(new JsonObject
                    {
                        ["subnet"] = network.PodSubnet,
                        ["gateway"] = network.PodGateway.ToString(),
                    })),
                    ["routes"] = new JsonArray(new JsonObject { ["dst"] = "0.0.0.0/0" }),
                    ["dataDir"] = Path.Combine(nodeDirectory, "cni-ipam"),
                },
            },
            new JsonObject { ["type"] = "portmap", ["capabilities"] = new JsonObject { ["portMappings"] = true } },
            new JsonObject { ["type"] = "loopback" }),
    }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
}
