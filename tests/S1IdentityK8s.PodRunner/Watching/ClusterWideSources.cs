using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Runtime;

namespace S1IdentityK8s.PodRunner.Watching;

/// <summary>The kinds the runner watches, in every namespace.</summary>
public static class ClusterWideSources
{
    // Servers end a watch after this long; a shorter one keeps reconnects exercised.
    private const int WatchTimeoutSeconds = 300;

    /// <summary>Every Pod.</summary>
    public static ApiResourceSource<V1Pod, V1PodList> Pods(IKubernetes client) =>
        new((watch, version, token) => client.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: Bookmarks(watch), resourceVersion: version, timeoutSeconds: Timeout(watch),
            watch: watch, cancellationToken: token));

    /// <summary>Every ConfigMap (pods mount them).</summary>
    public static ApiResourceSource<V1ConfigMap, V1ConfigMapList> ConfigMaps(IKubernetes client) =>
        new((watch, version, token) => client.CoreV1.ListConfigMapForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: Bookmarks(watch), resourceVersion: version, timeoutSeconds: Timeout(watch),
            watch: watch, cancellationToken: token));

    /// <summary>Every Secret (pods mount them).</summary>
    public static ApiResourceSource<V1Secret, V1SecretList> Secrets(IKubernetes client) =>
        new((watch, version, token) => client.CoreV1.ListSecretForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: Bookmarks(watch), resourceVersion: version, timeoutSeconds: Timeout(watch),
            watch: watch, cancellationToken: token));

    private static bool? Bookmarks(bool watch) => watch ? true : null;

    private static int? Timeout(bool watch) => watch ? WatchTimeoutSeconds : null;
}
