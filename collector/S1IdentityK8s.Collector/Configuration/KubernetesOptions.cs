namespace S1IdentityK8s.Collector.Configuration;

/// <summary>
/// <c>kubernetes</c>: present when the collector runs for an intake in a cluster (the operator writes it).
/// The checkpoint then lives in a ConfigMap (optimistic concurrency) instead of <c>stateDirectory</c>, and a
/// Lease makes sure only one collector writes it. Absent by default (standalone: file checkpoint, no Lease).
/// </summary>
public sealed class KubernetesOptions
{
    /// <summary><c>namespace</c>: where the checkpoint ConfigMap and the Lease live. Required.</summary>
    public required string Namespace { get; init; }

    /// <summary><c>checkpointConfigMap</c>: name of the checkpoint ConfigMap. Required.</summary>
    public required string CheckpointConfigMap { get; init; }

    /// <summary><c>leaseName</c>: name of the single-writer Lease. Default <c>&lt;checkpointConfigMap&gt;-writer</c>.</summary>
    public required string LeaseName { get; init; }

    /// <summary><c>identity</c>: this collector's name in the Lease. Default env <c>POD_NAME</c>, else the host name.</summary>
    public required string Identity { get; init; }

    /// <summary><c>kubeconfig</c>: path of a kubeconfig file. Default none: the pod's service account (in-cluster).</summary>
    public string? Kubeconfig { get; init; }

    /// <summary><c>owner</c>: owner reference put on what the collector creates, so deleting the intake removes it. Default none.</summary>
    public OwnerReferenceOptions? Owner { get; init; }
}
