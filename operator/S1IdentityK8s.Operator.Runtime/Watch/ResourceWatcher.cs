using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace S1IdentityK8s.Operator.Runtime.Watch;

/// <summary>
/// An informer without a cache: lists, then watches from the list's resourceVersion with bookmarks;
/// when the server answers 410 Gone it lists again (reporting objects deleted meanwhile), and after any
/// other failure it reconnects with jittered exponential backoff.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class ResourceWatcher<T>(IResourceSource<T> source, ILogger logger)
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly Dictionary<string, T> _known = [];

    /// <summary>First reconnect delay after a failure, doubled up to 30s and jittered by ±50%. Defaults to 200ms.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Lists and watches until cancelled, passing every change to <paramref name="onEvent"/>.</summary>
    /// <param name="onEvent">Receives each change, and each object of a list as Added.</param>
    /// <param name="cancellationToken">Ends the watch.</param>
    /// <param name="onListed">Called after each complete list (the first one is the informer's sync).</param>
    public async Task RunAsync(Action<WatchEventType, T> onEvent, CancellationToken cancellationToken, Action? onListed = null)
    {
        string? version = null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (version is null)
                {
                    version = await RelistAsync(onEvent, cancellationToken);
                    onListed?.Invoke();
                }

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
                logger.LogDebug("watch of {Type} expired (410 Gone): listing again", typeof(T).Name);
                version = null;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                var delay = Backoff(++failures);
                logger.LogWarning(e, "watch of {Type} failed; reconnecting in {Delay}", typeof(T).Name, delay);
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
            Track(WatchEventType.Added, item);
            onEvent(WatchEventType.Added, item);
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

    private TimeSpan Backoff(int failures)
    {
        var capped = Math.Min(BaseBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20)), 30_000);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble()));
    }
}
