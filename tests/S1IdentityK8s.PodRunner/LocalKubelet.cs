using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Runtime;
using S1IdentityK8s.PodRunner.Cli;
using S1IdentityK8s.PodRunner.Containers;
using S1IdentityK8s.PodRunner.Networking;
using S1IdentityK8s.PodRunner.Nodes;
using S1IdentityK8s.PodRunner.Pods;
using S1IdentityK8s.PodRunner.Scheduling;
using S1IdentityK8s.PodRunner.Volumes;
using S1IdentityK8s.PodRunner.Watching;

namespace S1IdentityK8s.PodRunner;

/// <summary>
/// The runner: registers its Node, binds unscheduled pods to it, and runs a <see cref="PodWorker"/> for
/// each pod bound to it (started again after a runner restart), fed by watches of Pods, ConfigMaps and
/// Secrets. On stop it stops every process it started and deletes its Node.
/// </summary>
public sealed class LocalKubelet(IKubernetes client, RunnerOptions options, int apiServerPort) : IDisposable
{
    private readonly ConcurrentDictionary<string, PodWorker> _workers = new(StringComparer.Ordinal);
    private readonly PodAddressPool _addresses = new();
    private readonly ProcessLauncher _launcher = new();
    private readonly NodeRegistration _node = new(client, options.NodeName);
    private readonly PodBinder _binder = new(client, options.NodeName);
    private readonly ApiObjectReader _reader = new(client);
    private readonly ImageCatalog _images = new(options.ImageDlls, ImageCatalog.FindRepositoryRoot());
    private readonly WatchLog _watchLog = new();

    /// <summary>Serves pods until <paramref name="cancellationToken"/> fires, then stops them all.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(options.WorkDirectory, "pods"));
        await _node.RegisterAsync(cancellationToken);
        RunnerLog.Info($"node {options.NodeName}: registered and Ready (work dir {options.WorkDirectory})");
        var tasks = new[]
        {
            _node.HeartbeatAsync(cancellationToken),
            new ResourceWatcher<V1Pod>(ClusterWideSources.Pods(client), _watchLog).RunAsync(OnPod, cancellationToken),
            new ResourceWatcher<V1ConfigMap>(ClusterWideSources.ConfigMaps(client), _watchLog)
                .RunAsync((_, m) => OnSource("ConfigMap", m.Metadata), cancellationToken),
            new ResourceWatcher<V1Secret>(ClusterWideSources.Secrets(client), _watchLog)
                .RunAsync((_, s) => OnSource("Secret", s.Metadata), cancellationToken),
        };
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop.
        }

        await StopAllAsync();
    }

    public void Dispose() => _launcher.Dispose();

    private static TimeSpan GraceOf(V1Pod pod) =>
        TimeSpan.FromSeconds(pod.Metadata.DeletionGracePeriodSeconds ?? pod.Spec.TerminationGracePeriodSeconds ?? 30);

    private async Task StopAllAsync()
    {
        foreach (var worker in _workers.Values)
        {
            worker.Stop(GraceOf(worker.Pod), deleteObject: false);
        }

        await Task.WhenAll(_workers.Values.Select(w => w.Completion));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _node.DeleteAsync(timeout.Token);
            RunnerLog.Info($"node {options.NodeName}: deleted");
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or k8s.Autorest.HttpOperationException)
        {
            RunnerLog.Info($"node {options.NodeName}: could not delete it ({e.Message})");
        }
    }

    private void OnPod(WatchEventType type, V1Pod pod)
    {
        var uid = pod.Metadata.Uid;
        if (type == WatchEventType.Deleted)
        {
            // Gone entirely (force-deleted, or removed by the controller-manager): kill at once.
            if (_workers.TryGetValue(uid, out var gone))
            {
                gone.Stop(TimeSpan.Zero, deleteObject: false);
            }

            return;
        }

        if (string.IsNullOrEmpty(pod.Spec.NodeName))
        {
            if (PodBinder.WantsThisNode(pod, _node.Labels))
            {
                _ = _binder.BindAsync(pod, CancellationToken.None);
            }

            return;
        }

        if (pod.Spec.NodeName != options.NodeName)
        {
            return;
        }

        if (_workers.TryGetValue(uid, out var worker))
        {
            if (pod.Metadata.DeletionTimestamp is not null)
            {
                worker.Stop(GraceOf(pod), deleteObject: true);
            }

            return;
        }

        if (pod.Metadata.DeletionTimestamp is not null)
        {
            // Being deleted before this runner started it (e.g. while no runner ran): nothing runs, so
            // only finish the deletion, as the kubelet does.
            StartWorker(pod, stopped: true);
            return;
        }

        if (pod.Status?.Phase is not ("Succeeded" or "Failed"))
        {
            StartWorker(pod, stopped: false);
        }
    }

    private void StartWorker(V1Pod pod, bool stopped)
    {
        var meta = pod.Metadata;
        var podIp = _addresses.Allocate(meta.Uid, pod.Status?.PodIP);
        var directory = Path.Combine(options.WorkDirectory, "pods", $"{meta.NamespaceProperty}_{meta.Name}_{meta.Uid}");
        Directory.CreateDirectory(directory);
        var writer = new PodStatusWriter(client, meta.NamespaceProperty, meta.Name, NodeRegistration.HostIp);
        var record = new PodRecord(pod, podIp, writer.MarkDirty);
        var context = new PodContext
        {
            Pod = pod,
            Record = record,
            HostIp = NodeRegistration.HostIp,
            ApiServerPort = apiServerPort,
            Reader = _reader,
            Images = _images,
            Launcher = _launcher,
            Directory = directory,
            Volumes = new PodVolumes(pod, directory, new VolumePayloads(_reader, pod, podIp, NodeRegistration.HostIp)),
        };
        var worker = new PodWorker(client, context, writer, () =>
        {
            _workers.TryRemove(meta.Uid, out _);
            _addresses.Release(meta.Uid);
        });
        _workers[meta.Uid] = worker;
        if (stopped)
        {
            worker.Stop(TimeSpan.Zero, deleteObject: true);
        }
        else
        {
            RunnerLog.Pod(context.Key, $"accepted with IP {podIp}");
        }

        worker.Start();
    }

    private void OnSource(string kind, V1ObjectMeta meta)
    {
        var reference = $"{kind}/{meta.Name}";
        foreach (var worker in _workers.Values.Where(w => w.Namespace == meta.NamespaceProperty))
        {
            worker.OnSourceChanged(reference);
        }
    }
}
