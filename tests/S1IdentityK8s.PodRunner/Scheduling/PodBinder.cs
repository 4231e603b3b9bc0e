using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace S1IdentityK8s.PodRunner.Scheduling;

/// <summary>
/// The scheduler's part: every Pod with no <c>spec.nodeName</c> is bound to the runner's Node through the
/// <c>pods/binding</c> subresource, as kube-scheduler would (no filtering: there is one node).
/// </summary>
public sealed class PodBinder(IKubernetes client, string nodeName)
{
    /// <summary>The node this binder binds to.</summary>
    public string NodeName => nodeName;

    /// <summary>
    /// Whether <paramref name="pod"/> waits for a node and may go to this one: its <c>nodeSelector</c>, if
    /// any, must match the node's labels, so that several runners can share a cluster.
    /// </summary>
    public static bool WantsThisNode(V1Pod pod, IReadOnlyDictionary<string, string> nodeLabels)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(nodeLabels);
        return string.IsNullOrEmpty(pod.Spec?.NodeName) && pod.Metadata.DeletionTimestamp is null
            && pod.Status?.Phase is null or "Pending"
            && (pod.Spec?.NodeSelector ?? new Dictionary<string, string>())
                .All(s => nodeLabels.TryGetValue(s.Key, out var value) && value == s.Value);
    }

    /// <summary>Binds <paramref name="pod"/>; a pod bound or deleted meanwhile is left alone.</summary>
    public async Task BindAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var binding = new V1Binding
        {
            Metadata = new V1ObjectMeta
            {
                Name = pod.Metadata.Name,
                NamespaceProperty = pod.Metadata.NamespaceProperty,
                Uid = pod.Metadata.Uid,
            },
            Target = new V1ObjectReference { ApiVersion = "v1", Kind = "Node", Name = nodeName },
        };
        try
        {
            await client.CoreV1.CreateNamespacedPodBindingAsync(
                binding, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
            RunnerLog.Pod($"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}", $"bound to {nodeName}");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            // Already bound (a replayed event) or deleted meanwhile.
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException)
        {
            // The next relist (after the watch reconnects) offers the pod again.
            RunnerLog.Pod($"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}", $"binding failed: {e.Message}");
        }
    }
}
