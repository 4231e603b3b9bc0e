using k8s;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.TestSupport.Node;

/// <summary>
/// Waits until a node can run pods that reach the apiserver: its Node object is Ready and kube-proxy has
/// programmed the <c>kubernetes</c> Service; fails early with the log of a daemon that exited.
/// </summary>
internal static class NodeReadiness
{
    public static async Task WaitAsync(
        IKubernetes client, LocalNode node, IReadOnlyList<SupervisedProcess> daemons, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var iptables = new CliRunner("ip", ["netns", "exec", node.Network.Namespace, "iptables-save", "-t", "nat"]);
        try
        {
            await ClusterWait.ForAsync<string>(
                async token =>
                {
                    if (daemons.FirstOrDefault(d => d.Exited.IsCompleted) is { } dead)
                    {
                        throw new InvalidOperationException($"{dead.Name} exited with {await dead.Exited}:\n{dead.LogTail()}");
                    }

                    var v1Node = await client.CoreV1.ReadNodeAsync(LocalNode.NodeName, cancellationToken: token);
                    if (v1Node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") != true)
                    {
                        return null;
                    }

                    // The apiserver's own Service, as pods reach it: kube-proxy's rules for default/kubernetes.
                    var rules = await iptables.RunAsync([], timeout: TimeSpan.FromSeconds(10), cancellationToken: token);
                    return rules.StandardOutput.Contains("default/kubernetes:https", StringComparison.Ordinal) ? "ready" : null;
                },
                ready => ready is not null, timeout, $"node {LocalNode.NodeName} Ready with kube-proxy's rules",
                TimeSpan.FromMilliseconds(200), cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n--- kubelet\n{node.LogTail("kubelet")}\n--- kube-proxy\n{node.LogTail("kube-proxy")}", e);
        }
    }
}
