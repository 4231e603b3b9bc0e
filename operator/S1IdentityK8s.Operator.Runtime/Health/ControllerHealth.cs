using System.Collections.Concurrent;

namespace S1IdentityK8s.Operator.Runtime.Health;

/// <summary>
/// What one controller runner tells the health endpoints: whether every watch has
/// listed once (controller-runtime's informer sync), and how long the oldest running reconcile has run.
/// </summary>
/// <param name="time">The clock; tests may fake it.</param>
public sealed class ControllerHealth(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> _running = new();
    private int _watches;
    private int _listed;

    /// <summary>Whether at least one watch exists and every watch has completed its initial list.</summary>
    public bool Synced => Volatile.Read(ref _watches) > 0 && Volatile.Read(ref _listed) == Volatile.Read(ref _watches);

    /// <summary>How long the oldest reconcile still running has run; zero when none runs.</summary>
    public TimeSpan LongestReconcile =>
        _running.Values.Select(started => time.GetElapsedTime(started)).DefaultIfEmpty(TimeSpan.Zero).Max();

    /// <summary>Registers one watch; call the returned action when it has listed (later calls do nothing).</summary>
    public Action WatchStarted()
    {
        Interlocked.Increment(ref _watches);
        var listed = 0;
        return () =>
        {
            if (Interlocked.Exchange(ref listed, 1) == 0)
            {
                Interlocked.Increment(ref _listed);
            }
        };
    }

    /// <summary>Receives the key of every reconcile as it starts (a test's sign that one read the cluster after a change).</summary>
    public Action<string>? Starting { get; set; }

    /// <summary>Receives the key of every reconcile as it ends, however it ended.</summary>
    public Action<string>? Ending { get; set; }

    /// <summary>Marks the reconcile of <paramref name="key"/> running (a key never runs twice at once).</summary>
    public void ReconcileStarted(string key)
    {
        _running[key] = time.GetTimestamp();
        Starting?.Invoke(key);
    }

    /// <summary>Marks the reconcile of <paramref name="key"/> finished, however it ended.</summary>
    public void ReconcileEnded(string key)
    {
        Ending?.Invoke(key);
        _running.TryRemove(key, out _);
    }
}
