using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// The six apiserver calls the collector makes (read, create and merge-patch a ConfigMap; read, create and
/// replace a Lease) over a plain <see cref="HttpClient"/> with <see cref="KubeJsonContext"/>. KubernetesClient
/// would do the same but roots its JSON context of every model type, which doubles the Native AOT binary.
/// An error answer throws <see cref="KubeApiException"/> with its status; timeouts are the callers'
/// cancellation tokens (plus <see cref="HttpClient"/>'s default 100 s, as KubernetesClient had).
/// </summary>
public sealed class KubeApiClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue MergePatch = new("application/merge-patch+json");

    private readonly HttpClient _http;
    private readonly BearerToken? _token;

    /// <summary>A client for <paramref name="connection"/>.</summary>
    public KubeApiClient(ClusterConnection connection)
        : this(connection.CreateHandler(), connection.Server, connection.Token)
    {
    }

    /// <summary>A client sending through <paramref name="handler"/> (which it disposes) to <paramref name="server"/>.</summary>
    public KubeApiClient(HttpMessageHandler handler, Uri server, BearerToken? token)
    {
        ArgumentNullException.ThrowIfNull(server);
        // A trailing slash, so that relative paths keep a server path prefix (an apiserver behind a proxy).
        var baseAddress = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        _http = new HttpClient(handler) { BaseAddress = baseAddress };
        _token = token;
    }

    /// <summary>Reads the ConfigMap <paramref name="name"/>.</summary>
    public Task<ConfigMapObject> ReadConfigMapAsync(string ns, string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, ConfigMaps(ns, name), null, KubeJsonContext.Default.ConfigMapObject, $"read ConfigMap {ns}/{name}", cancellationToken);

    /// <summary>Creates <paramref name="map"/> in <paramref name="ns"/>; returns it as stored.</summary>
    public Task<ConfigMapObject> CreateConfigMapAsync(string ns, ConfigMapObject map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        return SendAsync(HttpMethod.Post, ConfigMaps(ns, null), Body(map, KubeJsonContext.Default.ConfigMapObject),
            KubeJsonContext.Default.ConfigMapObject, $"create ConfigMap {ns}/{map.Metadata.Name}", cancellationToken);
    }

    /// <summary>Applies the JSON merge patch <paramref name="patch"/> to the ConfigMap <paramref name="name"/>; returns it as stored.</summary>
    public Task<ConfigMapObject> PatchConfigMapAsync(string ns, string name, byte[] patch, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(patch);
        content.Headers.ContentType = MergePatch;
        return SendAsync(HttpMethod.Patch, ConfigMaps(ns, name), content, KubeJsonContext.Default.ConfigMapObject,
            $"patch ConfigMap {ns}/{name}", cancellationToken);
    }

    /// <summary>Reads the Lease <paramref name="name"/>.</summary>
    public Task<LeaseObject> ReadLeaseAsync(string ns, string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, Leases(ns, name), null, KubeJsonContext.Default.LeaseObject, $"read Lease {ns}/{name}", cancellationToken);

    /// <summary>Creates <paramref name="lease"/> in <paramref name="ns"/>; returns it as stored.</summary>
    public Task<LeaseObject> CreateLeaseAsync(string ns, LeaseObject lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return SendAsync(HttpMethod.Post, Leases(ns, null), Body(lease, KubeJsonContext.Default.LeaseObject),
            KubeJsonContext.Default.LeaseObject, $"create Lease {ns}/{lease.Metadata.Name}", cancellationToken);
    }

    /// <summary>
    /// Replaces the Lease <paramref name="name"/> with <paramref name="lease"/>; its resourceVersion makes the
    /// apiserver refuse (409) when the Lease changed since it was read. Returns it as stored.
    /// </summary>
    public Task<LeaseObject> ReplaceLeaseAsync(string ns, string name, LeaseObject lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return SendAsync(HttpMethod.Put, Leases(ns, name), Body(lease, KubeJsonContext.Default.LeaseObject),
            KubeJsonContext.Default.LeaseObject, $"replace Lease {ns}/{name}", cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static string ConfigMaps(string ns, string? name) =>
        $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/configmaps{(name is null ? "" : "/" + Uri.EscapeDataString(name))}";

    private static string Leases(string ns, string? name) =>
        $"apis/coordination.k8s.io/v1/namespaces/{Uri.EscapeDataString(ns)}/leases{(name is null ? "" : "/" + Uri.EscapeDataString(name))}";

    private static ByteArrayContent Body<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = Json;
        return content;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, string what,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token.Current());
        }
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                _token?.Refused();
            }
            throw await ErrorAsync(response, what, cancellationToken).ConfigureAwait(false);
        }
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw new KubeApiException(response.StatusCode, null, $"{what}: the apiserver answered null");
        }
        catch (JsonException e)
        {
            throw new KubeApiException($"{what}: the apiserver's answer is not the expected object: {e.Message}", e);
        }
    }

    // The Status the apiserver sends with an error, for its message; the request (and its token) is not quoted.
    private static async Task<KubeApiException> ErrorAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        KubeStatus? status = null;
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            status = JsonSerializer.Deserialize(body, KubeJsonContext.Default.KubeStatus);
        }
        catch (JsonException)
        {
            // Not a Status (a proxy's page): the status code says enough.
        }
        var detail = string.IsNullOrEmpty(status?.Message) ? "" : ": " + status.Message;
        return new KubeApiException(response.StatusCode, status?.Reason, $"{what}: {(int)response.StatusCode} {response.ReasonPhrase}{detail}");
    }
}
