using System.Net.Http.Headers;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Tests.SentinelOne;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, RetryConditionHeaderValue?, TimeSpan?> Cases => new()
    {
        { "delta-seconds", new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)), TimeSpan.FromSeconds(3) },
        { "HTTP date ahead", new RetryConditionHeaderValue(Now.AddSeconds(12)), TimeSpan.FromSeconds(12) },
        { "HTTP date past", new RetryConditionHeaderValue(Now.AddSeconds(-5)), TimeSpan.Zero },
        { "absent", null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RetryAfter_EitherForm_IsTheDelayFromNow(string name, RetryConditionHeaderValue? header, TimeSpan? expected)
    {
        Assert.NotNull(name);
        Assert.Equal(expected, RequestBudgetHandler.RetryAfter(header, Now));
    }

    [Fact]
    public void RetryAfter_HttpDateAsSent_ParsesToItsDelay()
    {
        var header = RetryConditionHeaderValue.Parse(Now.AddSeconds(30).ToString("R", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.FromSeconds(30), RequestBudgetHandler.RetryAfter(header, Now));
    }
}
