using k8s;

namespace S1IdentityK8s.Operator.Runtime.Watch;

/// <summary>One kind of object that a <see cref="ResourceWatcher{T}"/> can list and watch.</summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IResourceSource<T>
{
    /// <summary>Every object now, and the resourceVersion to watch from.</summary>
    Task<(IList<T> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken);

    /// <summary>Changes after <paramref name="resourceVersion"/>, bookmarks included, until the server ends the stream.</summary>
    /// <param name="resourceVersion">Where to start.</param>
    /// <param name="onError">Receives error events (e.g. 410 Gone) and stream failures.</param>
    /// <param name="cancellationToken">Ends the watch.</param>
    IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(
        string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken);
}
