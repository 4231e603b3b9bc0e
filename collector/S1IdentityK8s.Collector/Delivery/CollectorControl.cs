namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// Run-time switches of the collection loop (today: suspend), changed by configuration reloads. Waiting
/// through <see cref="WaitAsync"/> wakes early when a switch changes, so a resume is immediate.
/// </summary>
public sealed class CollectorControl
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _suspended;

    /// <summary>Creates the switches in their initial position.</summary>
    public CollectorControl(bool suspended) => _suspended = suspended;

    /// <summary>Whether polling should stop after the in-flight page.</summary>
    public bool Suspended
    {
        get
        {
            lock (_gate)
            {
                return _suspended;
            }
        }
        set
        {
            TaskCompletionSource? fire = null;
            lock (_gate)
            {
                if (_suspended != value)
                {
                    _suspended = value;
                    fire = _changed;
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
            fire?.TrySetResult();
        }
    }

    /// <summary>Waits <paramref name="delay"/>, or less if a switch changes; infinite delay waits for a change.</summary>
    public async Task WaitAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_gate)
        {
            changed = _changed.Task;
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = delay == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, cts.Token) : Task.Delay(delay, time, cts.Token);
        await Task.WhenAny(changed, timer).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
