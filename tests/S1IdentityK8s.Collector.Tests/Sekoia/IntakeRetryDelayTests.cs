using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Sekoia;

namespace S1IdentityK8s.Collector.Tests.Sekoia;

public sealed class IntakeRetryDelayTests
{
    private static readonly IntakeRetryOptions Options = new() { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromMinutes(1) };

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 125)]
    [InlineData(1.0, 250)]
    public void After_FirstFailureOfA503_RetriesWithinAQuarterOfTheInitialDelay(double random, int expectedMs)
    {
        using var answer = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Delay(random).After(0, answer));
    }

    [Fact]
    public void After_FirstFailureWithoutAnswer_RetriesQuickly() =>
        Assert.Equal(TimeSpan.FromMilliseconds(250), Delay(1).After(0, answer: null));

    [Fact]
    public void After_ThrottledWithoutRetryAfter_LeavesItToTheBackoff()
    {
        using var answer = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Null(Delay(0).After(0, answer));
    }

    [Theory]
    [InlineData(1, 0.0, 1000)]
    [InlineData(1, 1.0, 500)]
    [InlineData(2, 0.0, 2000)]
    [InlineData(4, 0.5, 6000)]
    [InlineData(9, 0.0, 60000)]
    public void After_LaterFailures_DoubleFromTheInitialDelayCappedAndJitteredDownByAtMostHalf(int attemptNumber, double random, int expectedMs)
    {
        using var answer = new HttpResponseMessage(HttpStatusCode.BadGateway);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Delay(random).After(attemptNumber, answer));
    }

    [Fact]
    public void After_ThrottledAgain_Doubles()
    {
        using var answer = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.FromSeconds(2), Delay(0).After(2, answer));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, 0)]
    [InlineData(HttpStatusCode.TooManyRequests, 0)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 3)]
    public void After_RetryAfterInSeconds_WinsWhateverTheAttempt(HttpStatusCode status, int attemptNumber)
    {
        using var answer = new HttpResponseMessage(status);
        answer.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), Delay(0).After(attemptNumber, answer));
    }

    [Fact]
    public void After_RetryAfterAsADate_WaitsUntilThatDate()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        using var answer = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        answer.Headers.RetryAfter = new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), new IntakeRetryDelay(Options, time, () => 0).After(0, answer));
    }

    private static IntakeRetryDelay Delay(double random) => new(Options, TimeProvider.System, () => random);
}
