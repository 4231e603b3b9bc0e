using System.Net;
using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Collectors;

/// <summary>Where the operator reaches a collector: its running pod's IP, like a kubelet probe does.</summary>
public static class CollectorPods
{
    /// <summary>
    /// The gRPC address of the intake's running collector pod, or null when none runs yet. Pod IPs need no
    /// cluster DNS and always name the pod that answers (a Service could route to a terminating one).
    /// </summary>
    public static async Task<Uri?> AddressAsync(IKubernetes client, V1Alpha1SentinelOneIdentityIntake intake, CancellationToken cancellationToken) =>
        Address(await ListAsync(client, intake, cancellationToken));

    /// <summary>The intake's collector pods: those its Deployment selects, in every state.</summary>
    public static async Task<IList<V1Pod>> ListAsync(IKubernetes client, V1Alpha1SentinelOneIdentityIntake intake, CancellationToken cancellationToken)
    {
        var selector = string.Join(',', IntakeNames.SelectorLabels(intake).Select(l => $"{l.Key}={l.Value}"));
        return (await client.CoreV1.ListNamespacedPodAsync(intake.Metadata.NamespaceProperty, labelSelector: selector, cancellationToken: cancellationToken)).Items;
    }

    /// <summary>The intake's collector pods among <paramref name="pods"/> (a namespace's managed pods); null when <paramref name="pods"/> is.</summary>
    public static IList<V1Pod>? Select(IEnumerable<V1Pod>? pods, V1Alpha1SentinelOneIdentityIntake intake)
    {
        var selector = IntakeNames.SelectorLabels(intake);
        return pods?.Where(p => selector.All(l => p.Metadata.Labels?.TryGetValue(l.Key, out var value) == true && value == l.Value)).ToList();
    }

    /// <summary>The gRPC address of the running pod among <paramref name="pods"/> (a ready one first), or null when none runs.</summary>
    public static Uri? Address(IEnumerable<V1Pod> pods)
    {
        var running = pods
            .Where(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase == "Running" && !string.IsNullOrEmpty(p.Status.PodIP))
            .OrderByDescending(IsReady)
            .ThenByDescending(p => p.Status.StartTime)
            .FirstOrDefault();
        return running is null ? null : Address(running.Status.PodIP);
    }

    /// <summary>The gRPC address at <paramref name="podIp"/> (IPv6 in brackets).</summary>
    public static Uri Address(string podIp)
    {
        var host = IPAddress.TryParse(podIp, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{podIp}]" : podIp;
        return new Uri($"http://{host}:{IntakeNames.GrpcPort}");
    }

    private static bool IsReady(V1Pod pod) =>
        pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}
