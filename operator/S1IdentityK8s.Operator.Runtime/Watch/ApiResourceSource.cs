using k8s;
using k8s.Autorest;
using k8s.Models;

namespace S1IdentityK8s.Operator.Runtime.Watch;

/// <summary>
/// A <see cref="IResourceSource{T}"/> over one list endpoint of the client, called with
/// <c>watch=false</c> to list and <c>watch=true</c> (with bookmarks) to watch.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
/// <typeparam name="TList">The endpoint's list type.</typeparam>
/// <param name="call">Calls the endpoint: (watch, resourceVersion, cancellation) → response.</param>
public sealed class ApiResourceSource<T, TList>(Func<bool, string?, CancellationToken, Task<HttpOperationResponse<TList>>> call)
    : IResourceSource<T>
    where TList : IItems<T>, IMetadata<V1ListMeta>
{
    /// <inheritdoc />
    public async Task<(IList<T> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        using var response = await call(false, null, cancellationToken);
        return (response.Body.Items, response.Body.Metadata.ResourceVersion);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(
        string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken)
    {
        // Marked obsolete in favour of per-kind WatchList* methods, but the custom-object one is not typed:
        // this single typed path serves custom and built-in kinds alike.
#pragma warning disable CS0618
        return call(true, resourceVersion, cancellationToken).WatchAsync<T, TList>(onError, cancellationToken);
#pragma warning restore CS0618
    }
}
