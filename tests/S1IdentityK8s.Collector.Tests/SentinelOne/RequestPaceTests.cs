using Microsoft.Extensions.Time.Testing;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Tests.SentinelOne;

/// <summary>The request budget's pace: a burst after a pause, then one send per interval, in call order, with no timer in between.</summary>
public sealed class RequestPaceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void WaitTurn_AfterAPause_BurstGoesAtOnceThenOnePerInterval()
    {
        var time = new FakeTimeProvider();
        var pace = new RequestPace(perSecond: 10, burst: 3, time);

        var turns = Enumerable.Range(0, 6).Select(_ => pace.WaitTurnAsync(CancellationToken.None)).ToList();

        Assert.Equal([true, true, true, false, false, false], turns.Select(t => t.IsCompleted));
        time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(turns[3].IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([true, false, false], turns.Skip(3).Select(t => t.IsCompleted));
        time.Advance(Interval);
        Assert.Equal([true, true, false], turns.Skip(3).Select(t => t.IsCompleted));
        time.Advance(Interval);
        Assert.All(turns, t => Assert.True(t.IsCompletedSuccessfully));
    }

    [Fact]
    public void WaitTurn_QuietLongerThanTheBurstTakesToRefill_BurstAvailableAgain()
    {
        var time = new FakeTimeProvider();
        var pace = new RequestPace(perSecond: 10, burst: 2, time);
        _ = Enumerable.Range(0, 4).Select(_ => pace.WaitTurnAsync(CancellationToken.None)).ToList();

        time.Advance(Interval * 4);

        Assert.True(pace.WaitTurnAsync(CancellationToken.None).IsCompleted);
        Assert.True(pace.WaitTurnAsync(CancellationToken.None).IsCompleted);
        Assert.False(pace.WaitTurnAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void WaitTurn_SustainedCalls_NeverMoreThanBurstPlusOnePerInterval()
    {
        var time = new FakeTimeProvider();
        var pace = new RequestPace(perSecond: 25, burst: 25, time);
        var turns = Enumerable.Range(0, 100).Select(_ => pace.WaitTurnAsync(CancellationToken.None)).ToList();

        time.Advance(TimeSpan.FromSeconds(1));

        // 25 at once, then one every 40 ms: 25 more within the second (the 25th exactly at its end).
        Assert.Equal(50, turns.Count(t => t.IsCompleted));
    }

    [Fact]
    public async Task WaitTurn_Cancelled_ThrowsAndTheNextCallerKeepsItsPlace()
    {
        var time = new FakeTimeProvider();
        var pace = new RequestPace(perSecond: 10, burst: 1, time);
        await pace.WaitTurnAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = pace.WaitTurnAsync(cancel.Token);
        var next = pace.WaitTurnAsync(CancellationToken.None);

        await cancel.CancelAsync();
        time.Advance(Interval);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(next.IsCompleted);
        time.Advance(Interval);
        Assert.True(next.IsCompletedSuccessfully);
    }
}
