using Microsoft.Extensions.Time.Testing;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Tests.SentinelOne;

public sealed class UamRetryPolicyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly RetryOptions Options = new()
    {
        MaxAttempts = 4,
        InitialDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(3),
    };

    [Fact]
    public async Task ExecuteAsync_TransientFailuresThenSuccess_RetriesQuicklyThenAfterDoublingDelays()
    {
        var script = new AttemptScript(Unavailable(), Failure(UamFailureKind.Transport), null);
        var time = new FakeTimeProvider();
        var policy = new UamRetryPolicy(Options, time, random: () => 1);

        var result = policy.ExecuteAsync(script.RunAsync(time), CancellationToken.None);
        await script.AdvanceThroughAsync(time, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500));

        Assert.Equal(3, await result.WaitAsync(Patience));
        Assert.Equal([TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500)], script.Gaps());
    }

    [Fact]
    public async Task ExecuteAsync_AttemptsExhausted_ThrowsTheLastFailureAfterMaxAttempts()
    {
        var last = Failure(UamFailureKind.Throttled);
        var script = new AttemptScript(Unavailable(), Unavailable(), Unavailable(), last);
        var time = new FakeTimeProvider();
        var retried = new List<int>();
        var policy = new UamRetryPolicy(Options, time, random: () => 1);
        policy.Retrying += (_, attempt, _) => retried.Add(attempt);

        var result = policy.ExecuteAsync(script.RunAsync(time), CancellationToken.None);
        await script.AdvanceThroughAsync(time, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));

        var thrown = await Assert.ThrowsAsync<UamException>(() => result.WaitAsync(Patience));
        Assert.Same(last, thrown);
        Assert.Equal(4, script.Attempts);
        Assert.Equal([1, 2, 3], retried);
    }

    [Theory]
    [InlineData(UamFailureKind.CredentialsRejected)]
    [InlineData(UamFailureKind.QueryRejected)]
    public async Task ExecuteAsync_RefusedCredentialsOrQuery_FailsAtOnceWithoutRetry(UamFailureKind kind)
    {
        var script = new AttemptScript(Failure(kind), null);
        var policy = new UamRetryPolicy(Options, new FakeTimeProvider(), random: () => 0);

        var thrown = await Assert.ThrowsAsync<UamException>(() => policy.ExecuteAsync(script.RunAsync(TimeProvider.System), CancellationToken.None));

        Assert.Equal(kind, thrown.Kind);
        Assert.Equal(1, script.Attempts);
    }

    [Fact]
    public async Task ExecuteAsync_RetryAfterLongerThanBackoff_WaitsForRetryAfter()
    {
        var script = new AttemptScript(Failure(UamFailureKind.Throttled).WithRetryAfter(TimeSpan.FromSeconds(7)), null);
        var time = new FakeTimeProvider();
        var policy = new UamRetryPolicy(Options, time, random: () => 0);

        var result = policy.ExecuteAsync(script.RunAsync(time), CancellationToken.None);
        await script.AdvanceThroughAsync(time, TimeSpan.FromSeconds(7));

        Assert.Equal(2, await result.WaitAsync(Patience));
        Assert.Equal([TimeSpan.FromSeconds(7)], script.Gaps());
    }

    [Theory]
    [InlineData(1, UamFailureKind.Unavailable, 0.0, 0)]
    [InlineData(1, UamFailureKind.Transport, 1.0, 250)]
    [InlineData(1, UamFailureKind.Throttled, 0.0, 1000)]
    [InlineData(2, UamFailureKind.Unavailable, 0.0, 1000)]
    [InlineData(3, UamFailureKind.Unavailable, 0.0, 2000)]
    [InlineData(9, UamFailureKind.Transport, 0.0, 3000)]
    [InlineData(2, UamFailureKind.Unavailable, 1.0, 500)]
    [InlineData(2, UamFailureKind.Throttled, 0.0, 2000)]
    [InlineData(3, UamFailureKind.Throttled, 0.5, 2250)]
    public void DelayAfter_QuickFirstRetryUnlessThrottled_ThenDoublesCapsAndJittersDownByAtMostHalf(
        int failed, UamFailureKind kind, double random, int expectedMs)
    {
        var policy = new UamRetryPolicy(Options, TimeProvider.System, () => random);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), policy.DelayAfter(failed, kind, retryAfter: null));
    }

    [Fact]
    public void DelayAfter_ShorterRetryAfter_KeepsTheBackoff() =>
        Assert.Equal(TimeSpan.FromSeconds(2), new UamRetryPolicy(Options, TimeProvider.System, () => 0).DelayAfter(3, UamFailureKind.Unavailable, TimeSpan.FromSeconds(1)));

    [Fact]
    public void DelayAfter_RetryAfterOnAFirstFailure_WinsOverTheQuickRetry() =>
        Assert.Equal(TimeSpan.FromSeconds(5), new UamRetryPolicy(Options, TimeProvider.System, () => 1).DelayAfter(1, UamFailureKind.Unavailable, TimeSpan.FromSeconds(5)));

    private static UamException Unavailable() => Failure(UamFailureKind.Unavailable);

    private static UamException Failure(UamFailureKind kind) => new(kind, $"scripted {kind}");

    /// <summary>Attempts that throw the scripted failures in order (null succeeds), recording when each began.</summary>
    private sealed class AttemptScript(params UamException?[] outcomes)
    {
        private readonly List<DateTimeOffset> _starts = [];
        private readonly SemaphoreSlim _started = new(0);

        public int Attempts
        {
            get
            {
                lock (_starts)
                {
                    return _starts.Count;
                }
            }
        }

        public Func<CancellationToken, Task<int>> RunAsync(TimeProvider time) => _ =>
        {
            int attempt;
            lock (_starts)
            {
                _starts.Add(time.GetUtcNow());
                attempt = _starts.Count;
            }
            _started.Release();
            return outcomes[attempt - 1] is { } failure ? Task.FromException<int>(failure) : Task.FromResult(attempt);
        };

        /// <summary>
        /// For each delay: waits for the attempt it follows, advances the clock by all of it but a millisecond
        /// (the retry must not start), then by the last millisecond. The clock moves on a pool thread: there
        /// the retry's continuation runs inline, so the next attempt and its delay are in place before
        /// <see cref="FakeTimeProvider.Advance"/> returns. From the test's own synchronization context it would
        /// be queued instead, and could schedule its delay only after the clock had already moved.
        /// </summary>
        public async Task AdvanceThroughAsync(FakeTimeProvider time, params TimeSpan[] delays)
        {
            for (var i = 0; i < delays.Length; i++)
            {
                Assert.True(await _started.WaitAsync(Patience), $"attempt {i + 1} never started");
                var delay = delays[i];
                await Task.Run(() => time.Advance(delay - TimeSpan.FromMilliseconds(1)));
                Assert.Equal(i + 1, Attempts);
                await Task.Run(() => time.Advance(TimeSpan.FromMilliseconds(1)));
            }
        }

        /// <summary>Clock time between consecutive attempts: a retry that started early shows a shorter gap.</summary>
        public List<TimeSpan> Gaps()
        {
            lock (_starts)
            {
                return _starts.Zip(_starts.Skip(1), (a, b) => b - a).ToList();
            }
        }
    }
}
