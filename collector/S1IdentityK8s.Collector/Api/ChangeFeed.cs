namespace S1IdentityK8s.Collector.Api;

/// <summary>
/// Wakes one watcher when any of the sources it listens to changed. Take <see cref="Next"/> before reading
/// the state you will send, so a change between the read and the wait is never missed.
/// </summary>
internal sealed class ChangeFeed
{
    private TaskCompletionSource _next = New();

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Signals a change; safe from any thread.</summary>
    public void Notify() => Interlocked.Exchange(ref _next, New()).TrySetResult();

    /// <summary>Waits for the change <paramref name="next"/> or <paramref name="timeout"/>, whichever comes first; false on timeout.</summary>
    public static async Task<bool> WaitAsync(Task next, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await next.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
