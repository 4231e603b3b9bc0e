using System.Net;
using k8s.Autorest;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// Waits for a condition on cluster state by polling at a bounded interval until a deadline: the state
/// is read again after each interval, so the wait ends as soon as the condition holds.
/// </summary>
public static class ClusterWait
{
    /// <summary>The interval between two reads unless one is given: 100 ms.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Reads with <paramref name="read"/> until <paramref name="condition"/> holds and returns that value.
    /// A read that throws <see cref="HttpOperationException"/> 404 yields null (the object does not exist
    /// yet, or any more). Throws <see cref="TimeoutException"/> naming <paramref name="description"/>
    /// and the last value or error seen.
    /// </summary>
    public static async Task<T?> ForAsync<T>(
        Func<CancellationToken, Task<T?>> read,
        Func<T?, bool> condition,
        TimeSpan timeout,
        string description,
        TimeSpan? interval = null,
        CancellationToken cancellationToken = default)
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        object? last = null;
        while (true)
        {
            try
            {
                try
                {
                    var value = await ReadOrNullAsync(read, deadline.Token);
                    if (condition(value))
                    {
                        return value;
                    }

                    last = value;
                }
                catch (HttpOperationException e)
                {
                    last = $"HTTP {(int)e.Response.StatusCode}: {e.Response.Content}";
                }

                await Task.Delay(interval ?? DefaultInterval, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"timed out after {timeout} waiting for {description}; last seen: {last ?? "nothing"}");
            }
        }
    }

    /// <summary>Waits until <paramref name="read"/> answers 404 (the object is gone).</summary>
    public static Task ForDeletionAsync<T>(
        Func<CancellationToken, Task<T?>> read,
        TimeSpan timeout,
        string description,
        CancellationToken cancellationToken = default)
        where T : class =>
        ForAsync(read, value => value is null, timeout, description, cancellationToken: cancellationToken);

    private static async Task<T?> ReadOrNullAsync<T>(Func<CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await read(cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
