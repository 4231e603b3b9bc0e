namespace S1IdentityK8s.Collector.Observability;

/// <summary>
/// An immutable snapshot behind a lock, replaced by pure updates; <see cref="Changed"/> fires after an
/// update that changed it, outside the lock, so subscribers may read it again without deadlocking.
/// </summary>
/// <typeparam name="T">A record, compared by value to detect changes.</typeparam>
public sealed class ObservableState<T>(T initial)
    where T : class
{
    private readonly Lock _gate = new();
    private T _current = initial;

    /// <summary>Raised after every effective change.</summary>
    public event Action<T>? Changed;

    /// <summary>The current snapshot.</summary>
    public T Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Replaces the snapshot with <paramref name="change"/> applied to it.</summary>
    public void Update(Func<T, T> change)
    {
        T next;
        bool changed;
        lock (_gate)
        {
            next = change(_current);
            changed = !next.Equals(_current);
            _current = next;
        }
        if (changed)
        {
            Changed?.Invoke(next);
        }
    }
}
