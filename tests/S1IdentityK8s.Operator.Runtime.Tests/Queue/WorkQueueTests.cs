using System.Collections.Concurrent;
using S1IdentityK8s.Operator.Runtime.Queue;

namespace S1IdentityK8s.Operator.Runtime.Tests.Queue;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Enqueue_SameKeyWhileRunning_CoalescesIntoOneMoreRun()
    {
        using var queue = new WorkQueue(new WorkQueueOptions { Workers = 4 });
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var secondRun = new TaskCompletionSource();
        var runs = 0;
        var concurrent = 0;
        var maxConcurrent = 0;
        var worker = queue.RunAsync(
            async (_, _) =>
            {
                var now = Interlocked.Increment(ref concurrent);
                InterlockedMax(ref maxConcurrent, now);
                if (Interlocked.Increment(ref runs) == 1)
                {
                    started.SetResult();
                    await release.Task;
                }
                else
                {
                    secondRun.TrySetResult();
                }

                Interlocked.Decrement(ref concurrent);
                return ReconcileResult.Done;
            },
            stop.Token);

        queue.Enqueue("ns/a");
        await started.Task.WaitAsync(Timeout);
        for (var i = 0; i < 5; i++)
        {
            queue.Enqueue("ns/a");
        }

        release.SetResult();
        await secondRun.Task.WaitAsync(Timeout);
        // Cancelling waits for running handlers, so no third run can still be in flight when we count.
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => worker);

        Assert.Equal(2, runs);
        Assert.Equal(1, maxConcurrent);
    }

    [Fact]
    public async Task RunAsync_ManyKeys_RunsDistinctKeysConcurrentlyUpToWorkersNeverOneKeyTwice()
    {
        const int Workers = 3;
        using var queue = new WorkQueue(new WorkQueueOptions { Workers = Workers });
        using var stop = new CancellationTokenSource();
        var done = new ConcurrentDictionary<string, bool>();
        var running = new ConcurrentDictionary<string, int>();
        var all = new TaskCompletionSource();
        // Opens only once every worker holds a distinct key at the same moment: a queue that ran keys one
        // after the other would never open it, and the first handlers would time out.
        var allWorkersBusy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var concurrent = 0;
        var maxConcurrent = 0;
        var oneKeyTwiceAtOnce = false;
        var worker = queue.RunAsync(
            async (key, token) =>
            {
                if (running.AddOrUpdate(key, 1, (_, n) => n + 1) > 1)
                {
                    oneKeyTwiceAtOnce = true;
                }

                var now = Interlocked.Increment(ref concurrent);
                InterlockedMax(ref maxConcurrent, now);
                if (now == Workers)
                {
                    allWorkersBusy.TrySetResult();
                }

                await allWorkersBusy.Task.WaitAsync(Timeout, token);
                Interlocked.Decrement(ref concurrent);
                running.AddOrUpdate(key, 0, (_, n) => n - 1);
                if (done.TryAdd(key, true) && done.Count == 50)
                {
                    all.SetResult();
                }

                return ReconcileResult.Done;
            },
            stop.Token);

        // Every key twice: the second enqueue lands while the key may be running.
        for (var i = 0; i < 50; i++)
        {
            queue.Enqueue($"ns/k{i}");
            queue.Enqueue($"ns/k{i}");
        }

        await all.Task.WaitAsync(Timeout);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => worker);

        Assert.True(allWorkersBusy.Task.IsCompletedSuccessfully);
        Assert.Equal(Workers, maxConcurrent);
        Assert.False(oneKeyTwiceAtOnce);
    }

    [Fact]
    public async Task RunAsync_HandlerFails_RetriesWithGrowingDelayUntilSuccess()
    {
        var options = new WorkQueueOptions { BaseRetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(80) };
        using var queue = new WorkQueue(options);
        using var stop = new CancellationTokenSource();
        var succeeded = new TaskCompletionSource();
        var attempts = 0;
        var worker = queue.RunAsync(
            (_, _) =>
            {
                if (Interlocked.Increment(ref attempts) < 4)
                {
                    throw new InvalidOperationException("transient");
                }

                succeeded.SetResult();
                return Task.FromResult(ReconcileResult.Done);
            },
            stop.Token);

        queue.Enqueue("ns/flaky");
        await succeeded.Task.WaitAsync(Timeout);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => worker);

        Assert.Equal(4, attempts);
        Assert.Equal(TimeSpan.FromMilliseconds(20), queue.RetryDelay(1));
        Assert.Equal(TimeSpan.FromMilliseconds(40), queue.RetryDelay(2));
        Assert.Equal(TimeSpan.FromMilliseconds(80), queue.RetryDelay(3));
        Assert.Equal(TimeSpan.FromMilliseconds(80), queue.RetryDelay(30));
    }

    [Fact]
    public async Task RunAsync_RequeueAfter_RunsKeyAgain()
    {
        using var queue = new WorkQueue(new WorkQueueOptions());
        using var stop = new CancellationTokenSource();
        var second = new TaskCompletionSource();
        var runs = 0;
        var worker = queue.RunAsync(
            (_, _) =>
            {
                if (Interlocked.Increment(ref runs) == 2)
                {
                    second.SetResult();
                }

                return Task.FromResult(runs == 1 ? ReconcileResult.After(TimeSpan.FromMilliseconds(10)) : ReconcileResult.Done);
            },
            stop.Token);

        queue.Enqueue("ns/poll");
        await second.Task.WaitAsync(Timeout);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => worker);

        Assert.Equal(2, runs);
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task EnqueueAfter_ManyTimesForOneKey_WaitsOnceForTheEarliest()
    {
        using var queue = new WorkQueue(new WorkQueueOptions());
        using var stop = new CancellationTokenSource();
        var ran = new TaskCompletionSource();
        var worker = queue.RunAsync(
            (_, _) =>
            {
                ran.TrySetResult();
                return Task.FromResult(ReconcileResult.Done);
            },
            stop.Token);

        // Every reconcile asks for its next poll: a hundred asks make one wait, not a hundred polls.
        for (var i = 0; i < 100; i++)
        {
            queue.EnqueueAfter("ns/poll", TimeSpan.FromSeconds(30));
        }

        var waitingAfterLateAsks = queue.Waiting;
        queue.EnqueueAfter("ns/poll", TimeSpan.FromMilliseconds(10));
        await ran.Task.WaitAsync(Timeout);
        var waitingAfterRun = queue.Waiting;
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => worker);

        Assert.Equal(1, waitingAfterLateAsks);
        Assert.Equal(0, waitingAfterRun);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
