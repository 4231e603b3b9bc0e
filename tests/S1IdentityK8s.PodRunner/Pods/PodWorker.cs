using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using S1IdentityK8s.PodRunner.Volumes;

namespace S1IdentityK8s.PodRunner.Pods;

/// <summary>
/// Plays the kubelet for one pod bound to the runner's node: writes its volumes, runs its init
/// containers in order then its containers, publishes its status, keeps ConfigMap/Secret volumes up to
/// date, and on deletion stops its processes and removes the Pod object (grace 0, uid precondition).
/// </summary>
public sealed class PodWorker
{
    /// <summary>The longest a container gets between SIGTERM and SIGKILL: 30 s.</summary>
    public static readonly TimeSpan MaxGrace = TimeSpan.FromSeconds(30);

    private readonly IKubernetes _client;
    private readonly PodContext _context;
    private readonly PodStatusWriter _statusWriter;
    private readonly SemaphoreSlim _volumesGate = new(1, 1);
    private readonly SemaphoreSlim _sourcesChanged = new(0, int.MaxValue);
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _statusStop = new();
    private readonly CancellationTokenSource _killNow = new();
    private readonly Action _onFinished;
    private bool _deleteObject;
    private Task _run = Task.CompletedTask;

    /// <summary>A worker for the pod of <paramref name="context"/>; <paramref name="onFinished"/> runs once it is done.</summary>
    public PodWorker(IKubernetes client, PodContext context, PodStatusWriter statusWriter, Action onFinished)
    {
        _client = client;
        _context = context;
        _context.KillNow = _killNow.Token;
        _statusWriter = statusWriter;
        _onFinished = onFinished;
    }

    /// <summary>The pod as first seen.</summary>
    public V1Pod Pod => _context.Pod;

    /// <summary>The pod's namespace.</summary>
    public string Namespace => _context.Pod.Metadata.NamespaceProperty;

    /// <summary>Whether the pod is being stopped.</summary>
    public bool Stopping => _stop.IsCancellationRequested;

    /// <summary>Completes when the worker is done (processes stopped, pod folder removed).</summary>
    public Task Completion => _run;

    /// <summary>Starts working on the pod.</summary>
    public void Start() => _run = Task.Run(RunAsync);

    /// <summary>
    /// Stops the pod's containers with <paramref name="grace"/> (capped at 30 s); with
    /// <paramref name="deleteObject"/> the Pod object is then deleted, as the kubelet finishes a deletion.
    /// </summary>
    public void Stop(TimeSpan grace, bool deleteObject)
    {
        if (grace <= TimeSpan.Zero)
        {
            // Also cuts short a grace period already running (the pod vanished meanwhile).
            _killNow.Cancel();
        }

        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _context.StopGrace = grace > MaxGrace ? MaxGrace : grace;
        _deleteObject = deleteObject;
        _stop.Cancel();
    }

    /// <summary>Rewrites the volumes that read <paramref name="reference"/> (<c>ConfigMap/NAME</c> or <c>Secret/NAME</c>).</summary>
    public void OnSourceChanged(string reference)
    {
        _sourcesChanged.Release();
        if (_context.Volumes.Paths.Count == 0 || _stop.IsCancellationRequested)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await _volumesGate.WaitAsync();
            try
            {
                var changed = await _context.Volumes.RefreshAsync(reference, _stop.Token);
                if (changed.Count > 0)
                {
                    RunnerLog.Pod(_context.Key, $"updated volume {string.Join(", ", changed)} from {reference}");
                }
            }
            catch (Exception e) when (e is VolumeSourceMissingException or HttpOperationException or HttpRequestException or IOException)
            {
                // The kubelet too keeps the last content when a source vanishes.
                RunnerLog.Pod(_context.Key, $"could not update volumes from {reference}: {e.Message}");
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
            finally
            {
                _volumesGate.Release();
            }
        });
    }

    private async Task RunAsync()
    {
        var record = _context.Record;
        var status = _statusWriter.RunAsync(record, _statusStop.Token);
        try
        {
            record.Update(_ => { });
            if (await WriteVolumesAsync())
            {
                _ = RenewTokensAsync();
                await RunContainersAsync();
            }

            await Task.Delay(Timeout.Infinite, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        catch (Exception e)
        {
            // A bug, not a pod problem: say so loudly, then clean up as for a deletion.
            RunnerLog.Pod(_context.Key, $"worker failed: {e}");
            throw;
        }
        finally
        {
            await _statusStop.CancelAsync();
            await status.ContinueWith(_ => { }, TaskScheduler.Default);
            // The folder goes first: once the Pod object is gone, nothing of the pod is left.
            try
            {
                Directory.Delete(_context.Directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: a later run of the runner does not reuse this folder (it holds the uid).
            }

            if (_deleteObject)
            {
                await DeleteObjectAsync();
            }

            _onFinished();
        }
    }

    private async Task<bool> WriteVolumesAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await _volumesGate.WaitAsync();
            try
            {
                await _context.Volumes.MaterialiseAsync(_stop.Token);
                return true;
            }
            catch (Exception e) when (e is VolumeSourceMissingException or HttpOperationException or HttpRequestException or ArgumentException)
            {
                _context.Record.Update(r =>
                {
                    foreach (var c in r.InitContainers.Concat(r.Containers))
                    {
                        c.State = Pods.ContainerRecord.Waiting("ContainerCreating", $"volumes: {e.Message}");
                    }
                });
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            finally
            {
                _volumesGate.Release();
            }

            // Retry when a ConfigMap or Secret changes, and every few seconds anyway.
            try
            {
                await _sourcesChanged.WaitAsync(TimeSpan.FromSeconds(5), _stop.Token);
                while (_sourcesChanged.CurrentCount > 0 && await _sourcesChanged.WaitAsync(0))
                {
                    // One retry answers every change seen so far.
                }
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Requests fresh projected service account tokens at 80% of their lifetime, as the kubelet does, so a
    /// long-running pod never holds an expired one.
    /// </summary>
    private async Task RenewTokensAsync()
    {
        var lifetimes = (_context.Pod.Spec.Volumes ?? [])
            .SelectMany(v => v.Projected?.Sources ?? [])
            .Select(s => s.ServiceAccountToken?.ExpirationSeconds ?? (s.ServiceAccountToken is null ? null : 3600L))
            .OfType<long>()
            .ToList();
        if (lifetimes.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(lifetimes.Min() * 0.8, 60)));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                OnSourceChanged(VolumePayloads.TokenReference);
            }
        }
        catch (OperationCanceledException)
        {
            // The pod stops.
        }
    }

    private async Task RunContainersAsync()
    {
        var spec = _context.Pod.Spec;
        var record = _context.Record;
        for (var i = 0; i < (spec.InitContainers?.Count ?? 0); i++)
        {
            var exit = await new ContainerRunner(_context, spec.InitContainers![i], record.InitContainers[i], isInit: true).RunAsync(_stop.Token);
            if (exit is null)
            {
                return;
            }

            if (exit != 0)
            {
                record.Update(r => r.SetPhase("Failed", $"init container {spec.InitContainers[i].Name} failed"));
                return;
            }
        }

        var runs = spec.Containers.Select((c, i) => new ContainerRunner(_context, c, record.Containers[i], isInit: false).RunAsync(_stop.Token));
        var exits = await Task.WhenAll(runs);
        if (!_stop.IsCancellationRequested && exits.All(e => e is not null))
        {
            var succeeded = exits.All(e => e == 0);
            record.Update(r => r.SetPhase(succeeded ? "Succeeded" : "Failed"));
            RunnerLog.Pod(_context.Key, succeeded ? "succeeded" : "failed");
        }
    }

    private async Task DeleteObjectAsync()
    {
        var meta = _context.Pod.Metadata;
        try
        {
            await _client.CoreV1.DeleteNamespacedPodAsync(meta.Name, meta.NamespaceProperty, new V1DeleteOptions
            {
                GracePeriodSeconds = 0,
                Preconditions = new V1Preconditions { Uid = meta.Uid },
            });
            RunnerLog.Pod(_context.Key, "deleted");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Already gone, or another pod now has this name.
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException)
        {
            RunnerLog.Pod(_context.Key, $"could not delete the pod object: {e.Message}");
        }
    }
}
