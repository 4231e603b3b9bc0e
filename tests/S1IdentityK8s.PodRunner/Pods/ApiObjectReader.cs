using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace S1IdentityK8s.PodRunner.Pods;

/// <summary>Reads the ConfigMaps and Secrets a pod refers to, null when they do not exist.</summary>
public sealed class ApiObjectReader(IKubernetes client)
{
    /// <summary>The client, for other calls (TokenRequest).</summary>
    public IKubernetes Client { get; } = client;

    /// <summary>The ConfigMap, or null when it does not exist.</summary>
    public Task<V1ConfigMap?> ConfigMapAsync(string ns, string name, CancellationToken cancellationToken) =>
        OrNullAsync(() => Client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken));

    /// <summary>The Secret, or null when it does not exist.</summary>
    public Task<V1Secret?> SecretAsync(string ns, string name, CancellationToken cancellationToken) =>
        OrNullAsync(() => Client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken));

    private static async Task<T?> OrNullAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
