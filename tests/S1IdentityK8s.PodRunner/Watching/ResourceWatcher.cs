using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace S1IdentityK8s.PodRunner.Watching;

/// <summary>
/// An informer without a cache: lists, then watches from the list's resourceVersion; on 410 Gone it lists
/// again (reporting objects deleted meanwhile), after any other failure (a dropped connection, an
/// apiserver restart) it reconnects with backoff. Events are handed over one at a time, in order.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
/// <typeparam name="TList">The list type.</typeparam>
public sealed class ResourceWatcher<T, TList>(ApiResourceSource<T, TList> source)
    where T : IKubernetesObject<V1ObjectMeta>
    where TList : IItems<T>, IMetadata<V1ListMeta>
{
    private readonly Dictionary<string, T> _known = [];

    /// <summary>Lists and watches until cancelled, passing every change to <paramref name="onEvent"/>.</summary>
    public async Task RunAsync(Action<WatchEventType, T> onEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        string? version = null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                version ??= await RelistAsync(onEvent, cancellationToken);
                Exception? streamError = null;
                await foreach (var (type, item) in source.WatchAsync(version, e => streamError ??= e, cancellationToken))
                {
                    version = item.Metadata?.ResourceVersion ?? version;
                    if (type is WatchEventType.Bookmark or WatchEventType.Error)
                    {
                        continue;
                    }

                    Track(type, item);
                    onEvent(type, item);
                    failures = 0;
                }

                if (streamError is not null)
                {
                    throw streamError;
                }
            }
            catch (Exception e) when (IsGone(e))
            {
                version = null;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(200 * Math.Pow(2, Math.Min(failures - 1, 10)), 5_000));
                RunnerLog.Info($"watch of {typeof(T).Name} failed ({e.GetType().Name}: {e.Message}); reconnecting in {delay.TotalSeconds:0.0} s");
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    private static bool IsGone(Exception e) =>
        e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone }
        || e is HttpOperationException { Response.StatusCode: HttpStatusCode.Gone };

    private static string KeyOf(T item) => $"{item.Metadata.NamespaceProperty}/{item.Metadata.Name}";

    private async Task<string> RelistAsync(Action<WatchEventType, T> onEvent, CancellationToken cancellationToken)
    {
        var (items, version) = await source.ListAsync(cancellationToken);
        var seen = items.ToDictionary(KeyOf);
        foreach (var gone in _known.Where(k => !seen.ContainsKey(k.Key)).ToList())
        {
            _known.Remove(gone.Key);
            onEvent(WatchEventType.Deleted, gone.Value);
        }

        foreach (var item in items)
        {
            var type = _known.ContainsKey(KeyOf(item)) ? WatchEventType.Modified : WatchEventType.Added;
            Track(type, item);
            onEvent(type, item);
        }

        return version;
    }

    private void Track(WatchEventType type, T item)
    {
        if (type == WatchEventType.Deleted)
        {
            _known.Remove(KeyOf(item));
        }
        else
        {
            _known[KeyOf(item)] = item;
        }
    }
}
