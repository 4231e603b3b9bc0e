using k8s.Models;
using S1IdentityK8s.PodRunner.Containers;
using S1IdentityK8s.PodRunner.Volumes;

namespace S1IdentityK8s.PodRunner.Pods;

/// <summary>Everything a pod's containers need from the runner and from their pod.</summary>
public sealed class PodContext
{
    /// <summary>The pod as first seen (its spec does not change).</summary>
    public required V1Pod Pod { get; init; }

    /// <summary>The pod's state, published as its status.</summary>
    public required PodRecord Record { get; init; }

    /// <summary>The host IP: 127.0.0.1.</summary>
    public required string HostIp { get; init; }

    /// <summary>The apiserver's port, for <c>KUBERNETES_SERVICE_PORT</c>.</summary>
    public required int ApiServerPort { get; init; }

    /// <summary>Reads ConfigMaps and Secrets.</summary>
    public required ApiObjectReader Reader { get; init; }

    /// <summary>Maps images to host commands.</summary>
    public required ImageCatalog Images { get; init; }

    /// <summary>Starts processes from a thread that lives as long as the runner.</summary>
    public required ProcessLauncher Launcher { get; init; }

    /// <summary>The pod's volumes.</summary>
    public required PodVolumes Volumes { get; init; }

    /// <summary><c>WORK_DIR/pods/NAMESPACE_NAME_UID</c>: volumes and container logs.</summary>
    public required string Directory { get; init; }

    /// <summary><c>NAMESPACE/NAME</c>, for log lines.</summary>
    public string Key => $"{Pod.Metadata.NamespaceProperty}/{Pod.Metadata.Name}";

    /// <summary>How long containers get between SIGTERM and SIGKILL when they are stopped now.</summary>
    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Fires when containers must be killed at once, grace period or not (the pod vanished).</summary>
    public CancellationToken KillNow { get; set; }
}
