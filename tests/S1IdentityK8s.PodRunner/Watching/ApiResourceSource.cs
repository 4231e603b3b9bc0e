using k8s;
using k8s.Autorest;
using k8s.Models;

namespace S1IdentityK8s.PodRunner.Watching;

/// <summary>
/// One list endpoint of the client, called with <c>watch=false</c> to list and <c>watch=true</c> (with
/// bookmarks) to watch from a resourceVersion.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
/// <typeparam name="TList">The endpoint's list type.</typeparam>
/// <param name="call">Calls the endpoint: (watch, resourceVersion, cancellation) → response.</param>
public sealed class ApiResourceSource<T, TList>(Func<bool, string?, CancellationToken, Task<HttpOperationResponse<TList>>> call)
    where TList : IItems<T>, IMetadata<V1ListMeta>
{
    /// <summary>Every object now, and the resourceVersion to watch from.</summary>
    public async Task<(IList<T> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        using var response = await call(false, null, cancellationToken);
        return (response.Body.Items, response.Body.Metadata.ResourceVersion);
    }

    /// <summary>Changes after <paramref name="resourceVersion"/> until the server ends the stream.</summary>
    public IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(
        string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken)
    {
        // Obsolete in favour of per-kind WatchList* methods; this one typed path serves every kind here.
#pragma warning disable CS0618
        return call(true, resourceVersion, cancellationToken).WatchAsync<T, TList>(onError, cancellationToken);
#pragma warning restore CS0618
    }
}
