namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>
/// Wakes waiters whenever recorded state changes, so tests await a condition with a timeout instead of
/// polling with sleeps.
/// </summary>
internal sealed class ChangeSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes every pending wait so it re-checks its condition.</summary>
    public void Notify()
    {
        TaskCompletionSource fired;
        lock (_lock)
        {
            fired = _next;
            _next = NewSource();
        }
        fired.TrySetResult();
    }

    /// <summary>
    /// Returns once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> with
    /// <paramref name="describe"/>'s text when it still does not after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            // Take the next change before checking, so a change between the check and the await is not lost.
            Task next;
            lock (_lock)
            {
                next = _next.Task;
            }
            if (condition())
            {
                return;
            }
            try
            {
                await next.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (condition())
                {
                    return;
                }
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.###} s: {describe()}");
            }
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
