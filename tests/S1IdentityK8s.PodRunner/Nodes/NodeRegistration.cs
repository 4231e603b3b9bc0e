using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace S1IdentityK8s.PodRunner.Nodes;

/// <summary>
/// The runner's Node: registered Ready on start, its Ready condition's heartbeat renewed every
/// <see cref="HeartbeatInterval"/> so kube-controller-manager's node lifecycle controller (40 s grace)
/// never marks it NotReady, and deleted on stop.
/// </summary>
public sealed class NodeRegistration(IKubernetes client, string nodeName)
{
    /// <summary>How often the Ready condition is renewed: 10 s, like the kubelet's default.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    /// <summary>The address pods see as their host: loopback.</summary>
    public const string HostIp = "127.0.0.1";

    private readonly DateTime _readySince = DateTime.UtcNow;

    /// <summary>The node's labels; pods' nodeSelectors are matched against them.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        ["kubernetes.io/hostname"] = nodeName,
        ["kubernetes.io/os"] = "linux",
        ["kubernetes.io/arch"] = "amd64",
        ["s1identity.dev/pod-runner"] = "true",
    };

    /// <summary>Creates the Node (or takes over one left by an earlier run) and marks it Ready.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var node = new V1Node
        {
            Metadata = new V1ObjectMeta { Name = nodeName, Labels = Labels.ToDictionary() },
        };
        try
        {
            await client.CoreV1.CreateNodeAsync(node, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Left by an earlier run of this runner: take it over, its pods are started again.
        }

        await WriteStatusAsync(cancellationToken);
    }

    /// <summary>Renews the Ready condition every <see cref="HeartbeatInterval"/> until cancelled.</summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(HeartbeatInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await WriteStatusAsync(cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // Someone deleted the Node: register it again, as the kubelet does.
                RunnerLog.Info($"node {nodeName}: gone; registering it again");
                await RegisterAsync(cancellationToken);
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException)
            {
                RunnerLog.Info($"node {nodeName}: heartbeat failed ({e.Message}); retrying");
            }
        }
    }

    /// <summary>Deletes the Node (its pods are then garbage collected by the controller-manager).</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.DeleteNodeAsync(nodeName, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone.
        }
    }

    private async Task WriteStatusAsync(CancellationToken cancellationToken)
    {
        var capacity = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["memory"] = new("8Gi"),
            ["pods"] = new("110"),
            ["ephemeral-storage"] = new("20Gi"),
        };
        var now = DateTime.UtcNow;
        var status = new V1NodeStatus
        {
            Capacity = capacity,
            Allocatable = capacity,
            Addresses =
            [
                new V1NodeAddress { Type = "InternalIP", Address = HostIp },
                new V1NodeAddress { Type = "Hostname", Address = nodeName },
            ],
            Conditions =
            [
                new V1NodeCondition
                {
                    Type = "Ready",
                    Status = "True",
                    Reason = "KubeletReady",
                    Message = "s1k8s pod runner is posting ready status",
                    LastHeartbeatTime = now,
                    LastTransitionTime = _readySince,
                },
            ],
            NodeInfo = new V1NodeSystemInfo
            {
                Architecture = "amd64",
                OperatingSystem = "linux",
                KubeletVersion = "v1.20.2-s1k8s-pod-runner",
                KubeProxyVersion = "v1.20.2-s1k8s-pod-runner",
                ContainerRuntimeVersion = "s1k8s://host-process",
                BootID = "",
                KernelVersion = Environment.OSVersion.VersionString,
                MachineID = "",
                OsImage = "host",
                SystemUUID = "",
            },
        };
        var patch = new V1Patch(new { status }, V1Patch.PatchType.MergePatch);
        await client.CoreV1.PatchNodeStatusAsync(patch, nodeName, cancellationToken: cancellationToken);
    }
}
