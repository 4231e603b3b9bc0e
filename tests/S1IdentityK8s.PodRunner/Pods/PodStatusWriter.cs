using System.Net;
using System.Threading.Channels;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace S1IdentityK8s.PodRunner.Pods;

/// <summary>
/// Publishes a <see cref="PodRecord"/> through the pod's <c>/status</c> (a merge patch of the whole
/// status: the runner is its only writer), coalescing bursts and skipping writes that change nothing.
/// </summary>
public sealed class PodStatusWriter(IKubernetes client, string ns, string name, string hostIp)
{
    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private string? _lastWritten;

    /// <summary>Asks for a write of the current status.</summary>
    public void MarkDirty() => _dirty.Writer.TryWrite(true);

    /// <summary>Writes whenever marked dirty, until cancelled.</summary>
    public async Task RunAsync(PodRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        while (await _dirty.Reader.WaitToReadAsync(cancellationToken))
        {
            _dirty.Reader.TryRead(out _);
            var status = record.Snapshot(hostIp);
            var json = KubernetesJson.Serialize(status);
            if (json == _lastWritten)
            {
                continue;
            }

            try
            {
                var patch = new V1Patch($$"""{"status":{{json}}}""", V1Patch.PatchType.MergePatch);
                await client.CoreV1.PatchNamespacedPodStatusAsync(patch, name, ns, cancellationToken: cancellationToken);
                _lastWritten = json;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException)
            {
                RunnerLog.Pod($"{ns}/{name}", $"status write failed ({e.Message}); retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                MarkDirty();
            }
        }
    }
}
