using k8s;
using k8s.Models;

namespace S1IdentityK8s.Operator.Runtime.Watch;

/// <summary>Sources for the kinds the operator watches: in one namespace, or in every namespace when it is null.</summary>
public static class ResourceSources
{
    // Servers end a watch after this long; a shorter one keeps reconnects (and their bugs) exercised.
    private const int WatchTimeoutSeconds = 300;

    /// <summary>Objects of the custom resource <typeparamref name="T"/> (from its <c>[KubernetesEntity]</c>).</summary>
    public static IResourceSource<T> Custom<T>(IKubernetes client, string? ns)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var entity = EntityType.Of<T>();
        return new ApiResourceSource<T, EntityList<T>>((watch, version, token) => ns is null
            ? client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<EntityList<T>>(
                entity.Group, entity.ApiVersion, entity.PluralName, allowWatchBookmarks: Bookmarks(watch),
                resourceVersion: version, timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token)
            : client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<EntityList<T>>(
                entity.Group, entity.ApiVersion, ns, entity.PluralName, allowWatchBookmarks: Bookmarks(watch),
                resourceVersion: version, timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token));
    }

    /// <summary>Deployments matching <paramref name="labelSelector"/>.</summary>
    public static IResourceSource<V1Deployment> Deployments(IKubernetes client, string? ns, string labelSelector) =>
        new ApiResourceSource<V1Deployment, V1DeploymentList>((watch, version, token) => ns is null
            ? client.AppsV1.ListDeploymentForAllNamespacesWithHttpMessagesAsync(
                allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token)
            : client.AppsV1.ListNamespacedDeploymentWithHttpMessagesAsync(
                ns, allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token));

    /// <summary>ConfigMaps matching <paramref name="labelSelector"/>; every ConfigMap when it is null.</summary>
    public static IResourceSource<V1ConfigMap> ConfigMaps(IKubernetes client, string? ns, string? labelSelector = null) =>
        new ApiResourceSource<V1ConfigMap, V1ConfigMapList>((watch, version, token) => ns is null
            ? client.CoreV1.ListConfigMapForAllNamespacesWithHttpMessagesAsync(
                allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token)
            : client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(
                ns, allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token));

    /// <summary>Pods matching <paramref name="labelSelector"/>.</summary>
    public static IResourceSource<V1Pod> Pods(IKubernetes client, string? ns, string labelSelector) =>
        new ApiResourceSource<V1Pod, V1PodList>((watch, version, token) => ns is null
            ? client.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(
                allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token)
            : client.CoreV1.ListNamespacedPodWithHttpMessagesAsync(
                ns, allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token));

    /// <summary>Every Secret (intakes reference Secrets the operator does not label).</summary>
    public static IResourceSource<V1Secret> Secrets(IKubernetes client, string? ns) =>
        new ApiResourceSource<V1Secret, V1SecretList>((watch, version, token) => ns is null
            ? client.CoreV1.ListSecretForAllNamespacesWithHttpMessagesAsync(
                allowWatchBookmarks: Bookmarks(watch), resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token)
            : client.CoreV1.ListNamespacedSecretWithHttpMessagesAsync(
                ns, allowWatchBookmarks: Bookmarks(watch), resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token));

    /// <summary>ServiceAccounts matching <paramref name="labelSelector"/>.</summary>
    public static IResourceSource<V1ServiceAccount> ServiceAccounts(IKubernetes client, string? ns, string labelSelector) =>
        new ApiResourceSource<V1ServiceAccount, V1ServiceAccountList>((watch, version, token) => ns is null
            ? client.CoreV1.ListServiceAccountForAllNamespacesWithHttpMessagesAsync(
                allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token)
            : client.CoreV1.ListNamespacedServiceAccountWithHttpMessagesAsync(
                ns, allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token));

    /// <summary>Services matching <paramref name="labelSelector"/>.</summary>
    public static IResourceSource<V1Service> Services(IKubernetes client, string? ns, string labelSelector) =>
        new ApiResourceSource<V1Service, V1ServiceList>((watch, version, token) => ns is null
            ? client.CoreV1.ListServiceForAllNamespacesWithHttpMessagesAsync(
                allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token)
            : client.CoreV1.ListNamespacedServiceWithHttpMessagesAsync(
                ns, allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token));

    /// <summary>Roles matching <paramref name="labelSelector"/>.</summary>
    public static IResourceSource<V1Role> Roles(IKubernetes client, string? ns, string labelSelector) =>
        new ApiResourceSource<V1Role, V1RoleList>((watch, version, token) => ns is null
            ? client.RbacAuthorizationV1.ListRoleForAllNamespacesWithHttpMessagesAsync(
                allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token)
            : client.RbacAuthorizationV1.ListNamespacedRoleWithHttpMessagesAsync(
                ns, allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token));

    /// <summary>RoleBindings matching <paramref name="labelSelector"/>.</summary>
    public static IResourceSource<V1RoleBinding> RoleBindings(IKubernetes client, string? ns, string labelSelector) =>
        new ApiResourceSource<V1RoleBinding, V1RoleBindingList>((watch, version, token) => ns is null
            ? client.RbacAuthorizationV1.ListRoleBindingForAllNamespacesWithHttpMessagesAsync(
                allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token)
            : client.RbacAuthorizationV1.ListNamespacedRoleBindingWithHttpMessagesAsync(
                ns, allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token));

    /// <summary>NetworkPolicies matching <paramref name="labelSelector"/>.</summary>
    public static IResourceSource<V1NetworkPolicy> NetworkPolicies(IKubernetes client, string? ns, string labelSelector) =>
        new ApiResourceSource<V1NetworkPolicy, V1NetworkPolicyList>((watch, version, token) => ns is null
            ? client.NetworkingV1.ListNetworkPolicyForAllNamespacesWithHttpMessagesAsync(
                allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token)
            : client.NetworkingV1.ListNamespacedNetworkPolicyWithHttpMessagesAsync(
                ns, allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token));

    /// <summary>Leases matching <paramref name="labelSelector"/>.</summary>
    public static IResourceSource<V1Lease> Leases(IKubernetes client, string? ns, string labelSelector) =>
        new ApiResourceSource<V1Lease, V1LeaseList>((watch, version, token) => ns is null
            ? client.CoordinationV1.ListLeaseForAllNamespacesWithHttpMessagesAsync(
                allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token)
            : client.CoordinationV1.ListNamespacedLeaseWithHttpMessagesAsync(
                ns, allowWatchBookmarks: Bookmarks(watch), labelSelector: labelSelector, resourceVersion: version,
                timeoutSeconds: Timeout(watch), watch: watch, cancellationToken: token));

    private static bool? Bookmarks(bool watch) => watch ? true : null;

    private static int? Timeout(bool watch) => watch ? WatchTimeoutSeconds : null;
}
