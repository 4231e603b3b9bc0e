using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using S1IdentityK8s.Operator.Runtime.Health;
using S1IdentityK8s.Operator.Runtime.Queue;
using S1IdentityK8s.Operator.Runtime.Watch;

namespace S1IdentityK8s.Operator.Runtime.Controllers;

/// <summary>
/// Drives one <see cref="IEntityController{T}"/> the controller-runtime way: watches the entities and any
/// secondary kinds mapped to entity keys, feeds a <see cref="WorkQueue"/>, resyncs every known entity
/// periodically, and hands each key's current object to the controller: from the <see cref="Cache"/> every
/// watch feeds (an event that changes nothing there, e.g. the echo of the operator's own write, wakes
/// nobody), read from the apiserver only until the watches have listed.
/// </summary>
/// <typeparam name="T">The entity.</typeparam>
public sealed class EntityControllerRunner<T>(
    IKubernetes client, IEntityController<T> controller, ControllerOptions options, ILogger logger, ObjectCache? cache = null)
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly List<Func<Action<string>, Action, CancellationToken, Task>> _secondary = [];
    private readonly string?[] _namespaces = options.Namespaces.Count > 0 ? [.. options.Namespaces] : [null];
    private readonly ConcurrentDictionary<string, byte> _known = new();
    private readonly KubernetesEntityAttribute _entity = EntityType.Of<T>();

    /// <summary>
    /// Also reconciles the entities that <paramref name="map"/> names whenever an object of the source
    /// changes; <paramref name="source"/> gives the source for one namespace (null: every namespace).
    /// </summary>
    public EntityControllerRunner<T> Watches<TOther>(Func<string?, IResourceSource<TOther>> source, Func<TOther, IEnumerable<string>> map)
        where TOther : IKubernetesObject<V1ObjectMeta>
    {
        foreach (var ns in _namespaces)
        {
            var watcher = new ResourceWatcher<TOther>(source(ns), logger);
            var cached = Cache.WatchStarted<TOther>();
            _secondary.Add((enqueue, listed, token) => watcher.RunAsync((type, item) =>
            {
                if (!Cache.Observe(type, item))
                {
                    return;
                }

                foreach (var key in map(item))
                {
                    enqueue(key);
                }
            }, token, () =>
            {
                cached();
                listed();
            }));
        }

        return this;
    }

    /// <summary>What every watch of this runner saw last, and what the controller wrote since.</summary>
    public ObjectCache Cache { get; } = cache ?? new();

    /// <summary>Whether its watches have listed once, and how long its reconciles run (for /readyz and /healthz).</summary>
    public ControllerHealth Health { get; } = new(TimeProvider.System);

    /// <summary>Runs until cancelled; a failing watch reconnects by itself, so this only ends on cancellation.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var queue = new WorkQueue(options.Queue);
        // Every watch is registered before any lists, so that Synced cannot be true while one is still missing.
        var primaryListed = _namespaces.Select(_ => Health.WatchStarted()).ToList();
        var secondaryListed = _secondary.Select(_ => Health.WatchStarted()).ToList();
        var primaryCached = _namespaces.Select(_ => Cache.WatchStarted<T>()).ToList();
        var tasks = new List<Task>
        {
            ResyncAsync(queue, cancellationToken),
            queue.RunAsync((key, token) => HandleAsync(queue, key, token), cancellationToken),
        };
        tasks.AddRange(_namespaces.Select((ns, i) => new ResourceWatcher<T>(ResourceSources.Custom<T>(client, ns), logger).RunAsync((type, item) =>
        {
            if (type != WatchEventType.Deleted)
            {
                _known[EntityKey.Of(item)] = 0;
            }

            if (Cache.Observe(type, item))
            {
                queue.Enqueue(EntityKey.Of(item));
            }
        }, cancellationToken, () =>
        {
            primaryCached[i]();
            primaryListed[i]();
        })));
        tasks.AddRange(_secondary.Select((run, i) => run(queue.Enqueue, secondaryListed[i], cancellationToken)));
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Normal shutdown: cancelled calls surface as their client's own exception (e.g. gRPC's Cancelled).
        }
    }

    private async Task ResyncAsync(WorkQueue queue, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.ResyncPeriod);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            foreach (var key in _known.Keys)
            {
                queue.Enqueue(key);
            }
        }
    }

    private async Task<ReconcileResult> HandleAsync(WorkQueue queue, string key, CancellationToken cancellationToken)
    {
        var name = typeof(T).Name;
        ControllerMetrics.QueueDepth.WithLabels(name).Set(queue.Depth);
        var started = Stopwatch.GetTimestamp();
        var (ns, entityName) = EntityKey.Split(key);
        Health.ReconcileStarted(key);
        try
        {
            var entity = await ReadAsync(ns, entityName, cancellationToken);
            ReconcileResult result;
            if (entity is null)
            {
                _known.TryRemove(key, out _);
                await controller.DeletedAsync(ns, entityName, cancellationToken);
                result = ReconcileResult.Done;
            }
            else
            {
                result = await controller.ReconcileAsync(entity, cancellationToken);
            }

            ControllerMetrics.Reconciles.WithLabels(name, "success").Inc();
            return result;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            ControllerMetrics.Reconciles.WithLabels(name, "error").Inc();
            logger.LogError(e, "reconcile of {Kind} {Key} failed; retrying with backoff", _entity.Kind, key);
            throw;
        }
        finally
        {
            Health.ReconcileEnded(key);
            ControllerMetrics.Duration.WithLabels(name).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private async Task<T?> ReadAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (Cache.TryGet(typeof(T), ns, name, out var cached))
        {
            return (T?)cached;
        }

        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<T>(
                _entity.Group, _entity.ApiVersion, ns, _entity.PluralName, name, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return default;
        }
    }
}
