using System.Net;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Serialization;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// One ConfigMap this collector owns the data of, written with optimistic concurrency: each write is a
/// merge patch of <c>data</c> carrying the <c>resourceVersion</c> last read or written, so the apiserver
/// refuses it (409, surfaced as <see cref="CheckpointConflictException"/>) when anyone else changed the
/// ConfigMap meanwhile. Patching only <c>data</c> leaves labels and owner references others applied alone.
/// Not thread-safe: callers serialise their writes.
/// </summary>
public sealed class ConfigMapDocument(KubeApiClient client, KubernetesOptions options, string name, string component)
{
    private string? _resourceVersion;

    /// <summary>The ConfigMap's name.</summary>
    public string Name { get; } = name;

    /// <summary>Where it lives, for messages: <c>configmap namespace/name</c>.</summary>
    public string Describe() => $"ConfigMap {options.Namespace}/{Name}";

    /// <summary>Its data (empty when it has none), or null when it does not exist; remembers its version.</summary>
    public async Task<IDictionary<string, string>?> ReadAsync(CancellationToken cancellationToken) =>
        (await ReadMapAsync(cancellationToken).ConfigureAwait(false)) is { } map ? map.Data ?? new Dictionary<string, string>() : null;

    /// <summary>The whole ConfigMap, or null when it does not exist; remembers its version.</summary>
    public async Task<ConfigMapObject?> ReadMapAsync(CancellationToken cancellationToken)
    {
        try
        {
            var map = await client.ReadConfigMapAsync(options.Namespace, Name, cancellationToken).ConfigureAwait(false);
            _resourceVersion = map.Metadata.ResourceVersion;
            return map;
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            _resourceVersion = null;
            return null;
        }
    }

    /// <summary>Sets <paramref name="data"/> keys: creates the ConfigMap on first write, patches it after.</summary>
    public Task WriteAsync(IDictionary<string, string> data, CancellationToken cancellationToken) => WriteAsync(data, null, cancellationToken);

    /// <summary>
    /// Sets <paramref name="data"/> and <paramref name="binaryData"/> keys in one write (so together or not at
    /// all): creates the ConfigMap on first write, patches it after.
    /// </summary>
    public async Task WriteAsync(IDictionary<string, string> data, IDictionary<string, byte[]>? binaryData, CancellationToken cancellationToken)
    {
        try
        {
            var written = _resourceVersion is null
                ? await client.CreateConfigMapAsync(options.Namespace, NewMap(data, binaryData), cancellationToken).ConfigureAwait(false)
                : await client.PatchConfigMapAsync(options.Namespace, Name, Patch(data, binaryData, _resourceVersion), cancellationToken)
                    .ConfigureAwait(false);
            _resourceVersion = written.Metadata.ResourceVersion;
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            throw new CheckpointConflictException($"{Describe()} was changed by another writer; not overwriting it");
        }
    }

    private ConfigMapObject NewMap(IDictionary<string, string> data, IDictionary<string, byte[]>? binaryData) => new()
    {
        Metadata = new KubeObjectMeta
        {
            Name = Name,
            Namespace = options.Namespace,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/component"] = component, ["app.kubernetes.io/part-of"] = "s1identity" },
            OwnerReferences = options.Owner is { } o
                ? [new KubeOwnerReference(o.ApiVersion, o.Kind, o.Name, o.Uid, Controller: false)]
                : null,
        },
        Data = new Dictionary<string, string>(data),
        BinaryData = binaryData is null ? null : new Dictionary<string, byte[]>(binaryData),
    };

    private static byte[] Patch(IDictionary<string, string> data, IDictionary<string, byte[]>? binaryData, string resourceVersion) =>
        JsonText.Utf8(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("metadata");
            w.WriteString("resourceVersion", resourceVersion);
            w.WriteEndObject();
            w.WriteStartObject("data");
            foreach (var (key, value) in data)
            {
                w.WriteString(key, value);
            }
            w.WriteEndObject();
            if (binaryData is not null)
            {
                w.WriteStartObject("binaryData");
                foreach (var (key, value) in binaryData)
                {
                    w.WriteBase64String(key, value);
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        });
}
