using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using S1IdentityK8s.Operator.Runtime.Watch;

namespace S1IdentityK8s.Operator.Tests;

/// <summary>
/// Watches one Lease and records each change of holder in order ("" for a released
/// Lease): hand-overs are checked by their order, not by how long they took.
/// </summary>
internal sealed class LeaseHolders : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _holders = [];
    private readonly Lock _gate = new();
    private Task _watch = Task.CompletedTask;
    private int _stopped;

    /// <summary>Starts watching the Lease <paramref name="name"/> in <paramref name="ns"/>; returns once the watch has listed.</summary>
    public static async Task<LeaseHolders> WatchAsync(IKubernetes client, string ns, string name)
    {
        var holders = new LeaseHolders();
        var listed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = new ResourceWatcher<V1Lease>(ResourceSources.Leases(client, ns, labelSelector: ""), NullLogger.Instance);
        holders._watch = watcher.RunAsync(
            (_, lease) =>
            {
                // Other Leases share the namespace (the collectors' writer Leases).
                if (lease.Metadata.Name == name)
                {
                    holders.Saw(lease.Spec?.HolderIdentity ?? "");
                }
            }, holders._stop.Token, () => listed.TrySetResult());
        await listed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return holders;
    }

    /// <summary>Stops watching; returns the holders seen, in order, each once per tenure.</summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        await DisposeAsync();
        lock (_gate)
        {
            return [.. _holders];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _watch;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private void Saw(string holder)
    {
        lock (_gate)
        {
            if (_holders.Count == 0 || _holders[^1] != holder)
            {
                _holders.Add(holder);
            }
        }
    }
}
