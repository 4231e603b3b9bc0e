using System.Net;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// The checkpoint in a ConfigMap (key <c>checkpoint.json</c>), for collectors running in a cluster, where
/// the pod's disk does not outlive the pod. Every write is a merge patch of <c>data</c> carrying the
/// <c>resourceVersion</c> last read or written: the apiserver refuses it (409) if anyone else changed the
/// ConfigMap meanwhile, which surfaces as <see cref="CheckpointConflictException"/>. Patching only
/// <c>data</c> leaves labels and owner references that the operator applied untouched.
/// </summary>
public sealed class ConfigMapCheckpointStore(IKubernetes client, KubernetesOptions options) : ICheckpointStore
{
    /// <summary>The ConfigMap key holding the checkpoint.</summary>
    public const string DataKey = "checkpoint.json";

    private string? _resourceVersion;

    /// <inheritdoc />
    public async Task<Checkpoint?> LoadAsync(CancellationToken cancellationToken)
    {
        V1ConfigMap map;
        try
        {
            map = await client.CoreV1.ReadNamespacedConfigMapAsync(options.CheckpointConfigMap, options.Namespace, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            _resourceVersion = null;
            return null;
        }
        _resourceVersion = map.Metadata.ResourceVersion;
        if (map.Data is null || !map.Data.TryGetValue(DataKey, out var text) || text.Length == 0)
        {
            return null;
        }
        try
        {
            return CheckpointSerializer.Deserialize(Encoding.UTF8.GetBytes(text));
        }
        catch (FormatException e)
        {
            throw new FormatException($"ConfigMap {options.Namespace}/{options.CheckpointConfigMap} key {DataKey} is unreadable: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public async Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(CheckpointSerializer.Serialize(checkpoint));
        try
        {
            var written = _resourceVersion is null
                ? await CreateAsync(text, cancellationToken).ConfigureAwait(false)
                : await PatchAsync(text, _resourceVersion, cancellationToken).ConfigureAwait(false);
            _resourceVersion = written.Metadata.ResourceVersion;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new CheckpointConflictException(
                $"ConfigMap {options.Namespace}/{options.CheckpointConfigMap} was changed by another writer; not overwriting it");
        }
    }

    private Task<V1ConfigMap> CreateAsync(string text, CancellationToken cancellationToken)
    {
        var map = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = options.CheckpointConfigMap,
                NamespaceProperty = options.Namespace,
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/component"] = "checkpoint", ["app.kubernetes.io/part-of"] = "s1identity" },
                OwnerReferences = options.Owner is { } o
                    ? [new V1OwnerReference { ApiVersion = o.ApiVersion, Kind = o.Kind, Name = o.Name, Uid = o.Uid, Controller = false }]
                    : null,
            },
            Data = new Dictionary<string, string> { [DataKey] = text },
        };
        return client.CoreV1.CreateNamespacedConfigMapAsync(map, options.Namespace, cancellationToken: cancellationToken);
    }

    private Task<V1ConfigMap> PatchAsync(string text, string resourceVersion, CancellationToken cancellationToken)
    {
        var patch = JsonSerializer.Serialize(new
        {
            metadata = new { resourceVersion },
            data = new Dictionary<string, string> { [DataKey] = text },
        });
        return client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch),
            options.CheckpointConfigMap, options.Namespace, cancellationToken: cancellationToken);
    }
}
