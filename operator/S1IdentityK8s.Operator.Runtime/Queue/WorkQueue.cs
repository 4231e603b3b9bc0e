using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using System.Threading.RateLimiting;

namespace S1IdentityK8s.Operator.Runtime.Queue;

/// <summary>
/// controller-runtime's work queue: keys (namespace/name) are coalesced while waiting, one key is never
/// handled twice at once (an event during its reconcile queues exactly one more run), failures retry
/// with per-key exponential backoff and a global rate limit on retries (controller-runtime's
/// AddRateLimited: a change is handled at once, a failing key cannot storm), and a fixed number of workers run.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "controller-runtime's name for it: a queue of work")]
public sealed class WorkQueue : IDisposable
{
    private readonly WorkQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly Lock _lock = new();
    private readonly HashSet<string> _queued = [];
    private readonly HashSet<string> _running = [];
    private readonly HashSet<string> _dirty = [];
    private readonly Dictionary<string, int> _failures = [];
    private readonly Dictionary<string, DateTimeOffset> _waiting = [];
    private readonly TokenBucketRateLimiter _rate;

    /// <summary>A queue with <paramref name="options"/>; <paramref name="time"/> drives delays (tests may fake it).</summary>
    public WorkQueue(WorkQueueOptions options, TimeProvider? time = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Burst,
            TokensPerPeriod = options.RatePerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            AutoReplenishment = true,
        });
    }

    /// <summary>Keys waiting to be handled (queue depth metric).</summary>
    public int Depth
    {
        get
        {
            lock (_lock)
            {
                return _queued.Count;
            }
        }
    }

    /// <summary>Asks for <paramref name="key"/> to be reconciled; a no-op when it already waits.</summary>
    public void Enqueue(string key)
    {
        lock (_lock)
        {
            if (_running.Contains(key))
            {
                _dirty.Add(key);
                return;
            }

            if (!_queued.Add(key))
            {
                return;
            }
        }

        _ready.Writer.TryWrite(key);
    }

    /// <summary>
    /// Enqueues <paramref name="key"/> after <paramref name="delay"/> (fire and forget). A key waits at most
    /// once, for the earliest time asked (client-go's delaying queue): every reconcile asks for its next
    /// poll, and timers kept per request would multiply a key's polls with every event it ever had.
    /// </summary>
    public void EnqueueAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Enqueue(key);
            return;
        }

        var due = _time.GetUtcNow() + delay;
        lock (_lock)
        {
            if (_waiting.TryGetValue(key, out var earlier) && earlier <= due)
            {
                return;
            }

            _waiting[key] = due;
        }

        _ = Task.Delay(delay, _time).ContinueWith(_ =>
        {
            lock (_lock)
            {
                // A later call asked for an earlier time: its own timer enqueues.
                if (!_waiting.TryGetValue(key, out var current) || current != due)
                {
                    return;
                }

                _waiting.Remove(key);
            }

            Enqueue(key);
        }, TaskScheduler.Default);
    }

    /// <summary>Keys waiting for a delayed enqueue (tests: a key waits at most once).</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Runs the workers until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="handler">Reconciles one key; a throw schedules a retry with backoff.</param>
    /// <param name="cancellationToken">Stops the workers; a running handler receives it too.</param>
    public Task RunAsync(Func<string, CancellationToken, Task<ReconcileResult>> handler, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.Workers).Select(_ => WorkAsync(handler, cancellationToken)));

    /// <summary>The delay before retrying a key that failed <paramref name="failures"/> times in a row.</summary>
    public TimeSpan RetryDelay(int failures)
    {
        var ticks = _options.BaseRetryDelay.Ticks * Math.Pow(2, Math.Min(failures - 1, 30));
        return ticks >= _options.MaxRetryDelay.Ticks ? _options.MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }

    public void Dispose() => _rate.Dispose();

    private async Task WorkAsync(Func<string, CancellationToken, Task<ReconcileResult>> handler, CancellationToken cancellationToken)
    {
        await foreach (var key in _ready.Reader.ReadAllAsync(cancellationToken))
        {
            lock (_lock)
            {
                _queued.Remove(key);
                _running.Add(key);
            }

            TimeSpan? next;
            var failed = false;
            try
            {
                next = (await handler(key, cancellationToken)).RequeueAfter;
                lock (_lock)
                {
                    _failures.Remove(key);
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The handler logs and counts its own errors; the queue only decides when to try again.
                lock (_lock)
                {
                    next = RetryDelay(_failures[key] = _failures.GetValueOrDefault(key) + 1);
                }

                failed = true;
            }

            bool again;
            lock (_lock)
            {
                _running.Remove(key);
                again = _dirty.Remove(key);
            }

            if (again)
            {
                Enqueue(key);
            }
            else if (failed)
            {
                _ = RetryAsync(key, next!.Value, cancellationToken);
            }
            else if (next is { } delay)
            {
                EnqueueAfter(key, delay);
            }
        }
    }

    private async Task RetryAsync(string key, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
            using var lease = await _rate.AcquireAsync(1, cancellationToken);
            Enqueue(key);
        }
        catch (OperationCanceledException)
        {
            // Stopping: nothing to retry.
        }
    }
}
