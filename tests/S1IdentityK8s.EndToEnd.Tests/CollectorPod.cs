using k8s;
using k8s.Models;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.EndToEnd.Tests;

/// <summary>The collector pod of one intake, as the kubelet reports it.</summary>
internal sealed class CollectorPod(IKubernetes client, string namespaceName, string intake)
{
    private string Selector => $"app.kubernetes.io/name=s1identity-collector,app.kubernetes.io/instance={intake}";

    /// <summary>The single Ready collector pod, once there is one (and it is not <paramref name="not"/>).</summary>
    public async Task<V1Pod> WaitReadyAsync(TimeSpan timeout, string? not = null)
    {
        var list = await ClusterWait.ForAsync(
            async t => await client.CoreV1.ListNamespacedPodAsync(namespaceName, labelSelector: Selector, cancellationToken: t),
            l => l!.Items.Count(p => p.Metadata.Uid != not && IsReady(p)) == 1 && l.Items.All(p => p.Metadata.Uid != not),
            timeout, $"one Ready collector pod for {intake}{(not is null ? "" : $" other than {not}")}");
        return list!.Items.Single(IsReady);
    }

    /// <summary>Waits until no collector pod of the intake exists any more.</summary>
    public Task WaitGoneAsync(TimeSpan timeout) =>
        ClusterWait.ForAsync(
            async t => await client.CoreV1.ListNamespacedPodAsync(namespaceName, labelSelector: Selector, cancellationToken: t),
            l => l!.Items.Count == 0, timeout, $"no collector pod left for {intake}");

    private static bool IsReady(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}
