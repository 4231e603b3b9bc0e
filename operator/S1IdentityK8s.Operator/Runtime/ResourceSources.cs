using k8s;
using k8s.Models;

namespace S1IdentityK8s.Operator.Runtime;

/// <summary>Cluster-wide sources for the kinds the operator watches.</summary>
public static class ResourceSources
{
    // Servers end a watch after this long; a shorter one keeps reconnects (and their bugs) exercised.
    private const int WatchTimeoutSeconds = 300;

    /// <summary>Every object of the custom resource <typeparamref name="T"/> (from its <c>[KubernetesEntity]</c>).</summary>
    public static IResourceSource<T> Custom<T>(IKubernetes client)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var entity = typeof(T).GetCustomAttributes(typeof(KubernetesEntityAttribute), false).Cast<KubernetesEntityAttribute>().Single();
        return new ApiResourceSource<T, EntityList<T>>((watch, version, token) =>
            client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<EntityList<T>>(
                entity.Group, entity.ApiVersion, entity.PluralName, allowWatchBookmarks: watch ? true : null,
                resourceVersion: version, timeoutSeconds: watch ? WatchTimeoutSeconds : null, watch: watch,
                cancellationToken: token));
    }

    /// <summary>Deployments matching <paramref name="labelSelector"/> in every namespace.</summary>
    public static IResourceSource<V1Deployment> Deployments(IKubernetes client, string labelSelector) =>
        new ApiResourceSource<V1Deployment, V1DeploymentList>((watch, version, token) =>
            client.AppsV1.ListDeploymentForAllNamespacesWithHttpMessagesAsync(
                allowWatchBookmarks: watch ? true : null, labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: watch ? WatchTimeoutSeconds : null, watch: watch, cancellationToken: token));

    /// <summary>ConfigMaps matching <paramref name="labelSelector"/> in every namespace.</summary>
    public static IResourceSource<V1ConfigMap> ConfigMaps(IKubernetes client, string labelSelector) =>
        new ApiResourceSource<V1ConfigMap, V1ConfigMapList>((watch, version, token) =>
            client.CoreV1.ListConfigMapForAllNamespacesWithHttpMessagesAsync(
                allowWatchBookmarks: watch ? true : null, labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: watch ? WatchTimeoutSeconds : null, watch: watch, cancellationToken: token));

    /// <summary>Every Secret (intakes reference Secrets the operator does not label).</summary>
    public static IResourceSource<V1Secret> Secrets(IKubernetes client) =>
        new ApiResourceSource<V1Secret, V1SecretList>((watch, version, token) =>
            client.CoreV1.ListSecretForAllNamespacesWithHttpMessagesAsync(
                allowWatchBookmarks: watch ? true : null, resourceVersion: version,
                timeoutSeconds: watch ? WatchTimeoutSeconds : null, watch: watch, cancellationToken: token));
}
