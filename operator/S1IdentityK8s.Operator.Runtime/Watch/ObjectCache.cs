using System.Collections.Concurrent;
using System.Globalization;
using k8s;
using k8s.Models;

namespace S1IdentityK8s.Operator.Runtime.Watch;

/// <summary>
/// The informers' store: the last version of every watched object, by kind, fed by the watches and by the
/// operator's own write responses (read-your-writes, so a reconcile never acts on a version older than
/// what it wrote). Reads answer only for a kind whose every watch has listed once; otherwise the caller
/// reads the apiserver. A version older than the one held never replaces it, so a late watch event cannot
/// undo a write the operator already saw answered. Objects are held without their managedFields (as
/// controller-runtime's caches do): nothing here reads them, and they are a large share of every object.
/// </summary>
public sealed class ObjectCache
{
    private readonly ConcurrentDictionary<Type, Store> _stores = new();

    /// <summary>Registers one watch of <typeparamref name="T"/>; call the returned action once it has listed (later calls do nothing).</summary>
    public Action WatchStarted<T>()
    {
        var store = StoreOf(typeof(T));
        Interlocked.Increment(ref store.Watches);
        var listed = 0;
        return () =>
        {
            if (Interlocked.Exchange(ref listed, 1) == 0)
            {
                Interlocked.Increment(ref store.Listed);
            }
        };
    }

    /// <summary>
    /// Takes a watch event in; returns whether it is news: false only for the version the cache already
    /// holds (the echo of the operator's own write). An older version is news without being taken in: the
    /// newer one held contains its change, which whoever reconciles must still see.
    /// </summary>
    public bool Observe(WatchEventType type, IKubernetesObject<V1ObjectMeta> item)
    {
        var store = StoreOf(item.GetType());
        var key = EntityKey.Of(item);
        item.Metadata.ManagedFields = null;
        // A list's items carry no apiVersion and kind (the list does); a watch event's object does. Filled in,
        // an object compares the same with what was applied whichever brought it, so a new operator's first
        // pass over children listed at start does not take them all for drifted and apply them again.
        item.ApiVersion ??= store.ApiVersion;
        item.Kind ??= store.Kind;
        lock (store)
        {
            var held = store.Items.GetValueOrDefault(key);
            if (held is not null && Older(item.Metadata.ResourceVersion, held.Metadata.ResourceVersion))
            {
                return true;
            }

            if (type == WatchEventType.Deleted)
            {
                return store.Items.Remove(key);
            }

            store.Items[key] = item;
            return held?.Metadata.ResourceVersion != item.Metadata.ResourceVersion;
        }
    }

    /// <summary>Takes in what the apiserver answered to one of the operator's writes.</summary>
    public void Wrote(IKubernetesObject<V1ObjectMeta> written) => Observe(WatchEventType.Modified, written);

    /// <summary>
    /// The cached object <paramref name="name"/> of <paramref name="type"/> in <paramref name="namespaceName"/>:
    /// true with the object (null when it does not exist) once the kind's watches have listed; false when
    /// the cache cannot tell (kind not watched, or not listed yet).
    /// </summary>
    public bool TryGet(Type type, string namespaceName, string name, out IKubernetesObject<V1ObjectMeta>? item)
    {
        item = null;
        if (!_stores.TryGetValue(type, out var store) || !store.Synced)
        {
            return false;
        }

        lock (store)
        {
            item = store.Items.GetValueOrDefault(EntityKey.Of(namespaceName, name));
        }

        return true;
    }

    /// <summary>The cached objects of <typeparamref name="T"/> in <paramref name="namespaceName"/>; null when the cache cannot tell.</summary>
    public IReadOnlyList<T>? List<T>(string namespaceName)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        if (!_stores.TryGetValue(typeof(T), out var store) || !store.Synced)
        {
            return null;
        }

        var prefix = EntityKey.Of(namespaceName, "");
        lock (store)
        {
            return [.. store.Items.Where(i => i.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(i => (T)i.Value)];
        }
    }

    // etcd revisions: integers that only grow. Anything else (another storage) is never taken as older.
    private static bool Older(string? version, string? than) =>
        ulong.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
        && ulong.TryParse(than, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
        && v < t;

    private Store StoreOf(Type type) => _stores.GetOrAdd(type, t => new Store(EntityType.Of(t)));

    private sealed class Store(KubernetesEntityAttribute entity)
    {
        public readonly string ApiVersion = entity.Group is { Length: > 0 } group ? $"{group}/{entity.ApiVersion}" : entity.ApiVersion;
        public readonly string Kind = entity.Kind;
        public readonly Dictionary<string, IKubernetesObject<V1ObjectMeta>> Items = [];
        public int Watches;
        public int Listed;

        public bool Synced => Volatile.Read(ref Watches) > 0 && Volatile.Read(ref Listed) == Volatile.Read(ref Watches);
    }
}
