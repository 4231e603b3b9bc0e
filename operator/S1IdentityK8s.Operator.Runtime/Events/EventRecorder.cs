using System.Security.Cryptography;
using k8s;
using k8s.Models;

namespace S1IdentityK8s.Operator.Runtime.Events;

/// <summary>
/// Records Kubernetes Events about an object (what <c>kubectl describe</c> shows). Best effort: a failed
/// event never fails a reconcile, since the status already carries the same facts.
/// </summary>
/// <param name="client">The API client.</param>
/// <param name="component">The reporting component, e.g. <c>s1identity-operator</c>.</param>
/// <param name="logger">Where failures to record go.</param>
public sealed class EventRecorder(IKubernetes client, string component, ILogger logger)
{
    /// <summary>Type of an event about normal operation.</summary>
    public const string Normal = "Normal";

    /// <summary>Type of an event that needs attention.</summary>
    public const string Warning = "Warning";

    /// <summary>Records one event about <paramref name="subject"/>.</summary>
    public async Task RecordAsync(
        IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var ns = subject.Metadata.NamespaceProperty;
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = $"{subject.Metadata.Name}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()}", NamespaceProperty = ns },
                InvolvedObject = new V1ObjectReference
                {
                    ApiVersion = subject.ApiVersion,
                    Kind = subject.Kind,
                    Name = subject.Metadata.Name,
                    NamespaceProperty = ns,
                    Uid = subject.Metadata.Uid,
                    ResourceVersion = subject.Metadata.ResourceVersion,
                },
                Type = type,
                Reason = reason,
                Message = message,
                Source = new V1EventSource { Component = component },
                ReportingComponent = component,
                ReportingInstance = Environment.MachineName,
                FirstTimestamp = now,
                LastTimestamp = now,
                Count = 1,
            }, ns, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "could not record event {Reason} for {Namespace}/{Name}", reason, ns, subject.Metadata.Name);
        }
    }
}
