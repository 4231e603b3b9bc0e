using Grpc.Core;

namespace S1IdentityK8s.Collector.Tests.Api;

/// <summary>Awaits server-stream messages with a timeout: the stream itself is the signal, no sleeps.</summary>
public static class StreamReading
{
    /// <summary>Reads until a message satisfies <paramref name="match"/>; <see cref="TimeoutException"/> naming the last message otherwise.</summary>
    public static async Task<T> ReadUntilAsync<T>(this IAsyncStreamReader<T> stream, Func<T, bool> match, TimeSpan timeout, Action<T>? onEach = null)
        where T : class
    {
        using var deadline = new CancellationTokenSource(timeout);
        T? last = null;
        try
        {
            while (await stream.MoveNext(deadline.Token))
            {
                last = stream.Current;
                onEach?.Invoke(last);
                if (match(last))
                {
                    return last;
                }
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && deadline.IsCancellationRequested)
        {
            // Reported below.
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Reported below.
        }
        throw new TimeoutException($"no matching {typeof(T).Name} within {timeout.TotalSeconds:0.#}s (stream {(deadline.IsCancellationRequested ? "still open" : "ended")}); last: {last}");
    }

    /// <summary>Every remaining message until the server ends the stream.</summary>
    public static async Task<List<T>> ReadToEndAsync<T>(this IAsyncStreamReader<T> stream, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var messages = new List<T>();
        while (await stream.MoveNext(deadline.Token))
        {
            messages.Add(stream.Current);
        }
        return messages;
    }
}
