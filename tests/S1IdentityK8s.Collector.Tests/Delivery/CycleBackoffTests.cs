using S1IdentityK8s.Collector.Delivery;

namespace S1IdentityK8s.Collector.Tests.Delivery;

public sealed class CycleBackoffTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    [Fact]
    public void Failed_WithoutProgress_DoublesUpToTheCap()
    {
        var backoff = new CycleBackoff(Poll, () => 0.5);

        var waits = Enumerable.Range(0, 10).Select(_ => backoff.Failed(progressed: false).TotalSeconds).ToList();

        Assert.Equal([2, 4, 8, 16, 32, 64, 128, 256, 300, 300], waits);
    }

    [Fact]
    public void Failed_AfterProgress_ResumesWithinASecondThenDoublesFromPollIntervalAgain()
    {
        var backoff = new CycleBackoff(Poll, () => 0.5);
        for (var i = 0; i < 6; i++)
        {
            backoff.Failed(progressed: false);
        }

        Assert.Equal(CycleBackoff.Resume, backoff.Failed(progressed: true));
        Assert.Equal(Poll, backoff.Failed(progressed: false));
        Assert.Equal(2 * Poll, backoff.Failed(progressed: false));
        Assert.Equal(CycleBackoff.Resume, backoff.Failed(progressed: true));
    }

    [Theory]
    [InlineData(0.0, 0.8)]
    [InlineData(1.0, 1.2)]
    public void Failed_AfterProgress_Jittered(double random, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), new CycleBackoff(Poll, () => random).Failed(progressed: true));

    [Fact]
    public void Succeeded_ResetsTheDoubling()
    {
        var backoff = new CycleBackoff(Poll, () => 0.5);
        backoff.Failed(progressed: false);
        backoff.Failed(progressed: false);

        backoff.Succeeded();

        Assert.Equal(Poll, backoff.Failed(progressed: false));
    }

    [Theory]
    [InlineData(0.0, 1.6)]
    [InlineData(1.0, 2.4)]
    public void Failed_Jitter_StaysWithinTwentyPercent(double random, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), new CycleBackoff(Poll, () => random).Failed(progressed: false));

    [Fact]
    public void Failed_PollIntervalAboveTheCap_NeverWaitsLessThanIt()
    {
        var hourly = TimeSpan.FromHours(1);

        Assert.Equal(hourly, new CycleBackoff(hourly, () => 0.5).Failed(progressed: false));
    }
}
