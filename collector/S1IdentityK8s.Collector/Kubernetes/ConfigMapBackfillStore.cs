using System.Net;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using S1IdentityK8s.Collector.Backfill;
using S1IdentityK8s.Collector.Configuration;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// Backfill records in the ConfigMap <c>&lt;checkpointConfigMap&gt;-backfills</c>, one key per backfill
/// (<c>&lt;name&gt;.json</c>), so that a pod roll neither forgets a finished backfill (names are idempotency
/// keys) nor restarts a running one from scratch. Writes wait for the single-writer Lease and carry the
/// last seen <c>resourceVersion</c>, like the checkpoint.
/// </summary>
public sealed class ConfigMapBackfillStore(IKubernetes client, KubernetesOptions options, WriterGate writer) : IBackfillStore, IDisposable
{
    private readonly SemaphoreSlim _writes = new(1, 1);
    private string? _resourceVersion;

    /// <summary>The ConfigMap's name.</summary>
    public string Name => options.CheckpointConfigMap + "-backfills";

    /// <inheritdoc />
    public (IReadOnlyList<BackfillRecord> Records, IReadOnlyList<(string Path, string Error)> Unreadable) LoadAll()
    {
        var records = new List<BackfillRecord>();
        var unreadable = new List<(string, string)>();
        V1ConfigMap map;
        try
        {
            // Called once while the host is built (the registry loads in its constructor): no context to block.
            map = client.CoreV1.ReadNamespacedConfigMapAsync(Name, options.Namespace).GetAwaiter().GetResult();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return (records, unreadable);
        }
        _resourceVersion = map.Metadata.ResourceVersion;
        foreach (var (key, text) in map.Data ?? new Dictionary<string, string>())
        {
            try
            {
                records.Add(BackfillRecordJson.Deserialize(Encoding.UTF8.GetBytes(text)));
            }
            catch (FormatException e)
            {
                unreadable.Add(($"configmap {options.Namespace}/{Name} key {key}", e.Message));
            }
        }
        return (records, unreadable);
    }

    /// <inheritdoc />
    public async Task SaveAsync(BackfillRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(BackfillRecordJson.Serialize(record));
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var written = _resourceVersion is null
                ? await client.CoreV1.CreateNamespacedConfigMapAsync(NewMap(record.Name, text), options.Namespace, cancellationToken: cancellationToken)
                    .ConfigureAwait(false)
                : await client.CoreV1.PatchNamespacedConfigMapAsync(Patch(record.Name, text, _resourceVersion), Name, options.Namespace,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            _resourceVersion = written.Metadata.ResourceVersion;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new CheckpointConflictException($"ConfigMap {options.Namespace}/{Name} was changed by another writer; not overwriting it");
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writes.Dispose();

    private V1ConfigMap NewMap(string name, string text) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = Name,
            NamespaceProperty = options.Namespace,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/component"] = "backfills", ["app.kubernetes.io/part-of"] = "s1identity" },
            OwnerReferences = options.Owner is { } o
                ? [new V1OwnerReference { ApiVersion = o.ApiVersion, Kind = o.Kind, Name = o.Name, Uid = o.Uid, Controller = false }]
                : null,
        },
        Data = new Dictionary<string, string> { [name + ".json"] = text },
    };

    private static V1Patch Patch(string name, string text, string resourceVersion) => new(JsonSerializer.Serialize(new
    {
        metadata = new { resourceVersion },
        data = new Dictionary<string, string> { [name + ".json"] = text },
    }), V1Patch.PatchType.MergePatch);
}
