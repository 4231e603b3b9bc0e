using k8s.Models;

namespace S1IdentityK8s.PodRunner.Pods;

/// <summary>
/// The state of one pod as the runner sees it; every change goes through <see cref="Update"/>, which
/// asks the status writer to publish it. Condition transition times are tracked here.
/// </summary>
public sealed class PodRecord
{
    private readonly Lock _gate = new();
    private readonly Action _changed;
    private readonly Dictionary<string, (string Status, DateTime Since)> _conditions = new(StringComparer.Ordinal);
    private string? _finalPhase;
    private bool _ready;

    /// <summary>A record for <paramref name="pod"/> with address <paramref name="podIp"/>.</summary>
    public PodRecord(V1Pod pod, string podIp, Action changed)
    {
        ArgumentNullException.ThrowIfNull(pod);
        _changed = changed;
        Key = $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";
        PodIp = podIp;
        StartTime = pod.Status?.StartTime ?? DateTime.UtcNow;
        InitContainers = [.. (pod.Spec.InitContainers ?? []).Select(c => new ContainerRecord(c.Name, c.Image))];
        Containers = [.. pod.Spec.Containers.Select(c => new ContainerRecord(c.Name, c.Image))];
    }

    /// <summary><c>NAMESPACE/NAME</c>, for log lines.</summary>
    public string Key { get; }

    /// <summary>The pod's loopback address.</summary>
    public string PodIp { get; }

    /// <summary>When the runner first took the pod.</summary>
    public DateTime StartTime { get; }

    /// <summary>Init containers, in order.</summary>
    public IReadOnlyList<ContainerRecord> InitContainers { get; }

    /// <summary>App containers.</summary>
    public IReadOnlyList<ContainerRecord> Containers { get; }

    /// <summary>
    /// Succeeded or Failed once set; until then Running when the init containers completed and every
    /// container started at least once (as the kubelet: a container that never ran keeps the pod Pending).
    /// </summary>
    public string Phase => _finalPhase ?? (InitContainers.All(c => c.Completed) && Containers.All(c => c.ContainerId is not null) ? "Running" : "Pending");

    /// <summary>Why the pod is not running, when it is waiting for something (e.g. a missing Secret).</summary>
    public string? Message { get; private set; }

    /// <summary>Applies <paramref name="change"/> under the record's lock, then schedules a status write.</summary>
    public void Update(Action<PodRecord> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            change(this);
            var ready = IsReady;
            if (ready != _ready)
            {
                _ready = ready;
                RunnerLog.Pod(Key, ready ? "ready" : "not ready");
            }
        }

        _changed();
    }

    /// <summary>Sets the final phase, Succeeded or Failed (inside <see cref="Update"/>).</summary>
    public void SetPhase(string phase, string? message = null)
    {
        _finalPhase = phase;
        Message = message;
    }

    private bool IsReady => InitContainers.All(c => c.Completed) && Containers.All(c => c.Ready);

    /// <summary>The status to publish now.</summary>
    public V1PodStatus Snapshot(string hostIp)
    {
        lock (_gate)
        {
            var initialized = InitContainers.All(c => c.Completed);
            var containersReady = IsReady;
            return new V1PodStatus
            {
                Phase = Phase,
                Message = Message,
                HostIP = hostIp,
                PodIP = PodIp,
                PodIPs = [new V1PodIP { Ip = PodIp }],
                StartTime = StartTime,
                QosClass = "BestEffort",
                Conditions =
                [
                    Condition("Initialized", initialized),
                    Condition("Ready", containersReady),
                    Condition("ContainersReady", containersReady),
                    Condition("PodScheduled", true),
                ],
                InitContainerStatuses = InitContainers.Count == 0 ? null : [.. InitContainers.Select(c => c.ToStatus())],
                ContainerStatuses = [.. Containers.Select(c => c.ToStatus())],
            };
        }
    }

    private V1PodCondition Condition(string type, bool value)
    {
        var status = value ? "True" : "False";
        if (!_conditions.TryGetValue(type, out var known) || known.Status != status)
        {
            known = (status, DateTime.UtcNow);
            _conditions[type] = known;
        }

        return new V1PodCondition
        {
            Type = type,
            Status = status,
            LastTransitionTime = known.Since,
            LastProbeTime = null,
            Reason = value || type is "Initialized" ? null : type == "ContainersReady" || type == "Ready" ? "ContainersNotReady" : null,
        };
    }
}
