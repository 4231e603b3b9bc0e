using S1IdentityK8s.Common;

namespace S1IdentityK8s.Collector.Tests.Configuration;

public class DurationsTests
{
    public static TheoryData<string, string, TimeSpan> ValidCases => new()
    {
        { "bare zero", "0", TimeSpan.Zero },
        { "zero seconds", "0s", TimeSpan.Zero },
        { "milliseconds", "500ms", TimeSpan.FromMilliseconds(500) },
        { "seconds", "30s", TimeSpan.FromSeconds(30) },
        { "minutes", "5m", TimeSpan.FromMinutes(5) },
        { "hours", "24h", TimeSpan.FromHours(24) },
        { "hours and minutes", "1h30m", TimeSpan.FromMinutes(90) },
        { "all units", "2h45m30s500ms", new TimeSpan(0, 2, 45, 30, 500) },
        { "fractional hours", "1.5h", TimeSpan.FromMinutes(90) },
        { "fractional seconds", "0.25s", TimeSpan.FromMilliseconds(250) },
        { "31 days", "744h", TimeSpan.FromDays(31) },
        { "unnormalised", "90m", TimeSpan.FromMinutes(90) },
    };

    public static TheoryData<string, string, string?> InvalidCases => new()
    {
        { "empty", "", null },
        { "unitless", "10", null },
        { "negative", "-5s", "negative" },
        { "days", "1d", "use 24h" },
        { "week of days", "7d", "use 168h" },
        { "space before unit", "5 m", null },
        { "unit without number", "s", null },
        { "trailing number", "1h30", null },
        { "weeks", "1w", "unknown unit 'w'" },
        { "upper-case unit", "5S", "unknown unit 'S'" },
        { "nanoseconds", "10ns", "unknown unit 'ns'" },
        { "two decimal points", "1.2.3s", null },
        { "leading plus", "+5s", null },
        { "leading space", " 5s", null },
        { "words", "ten seconds", null },
        { "overflow", "99999999999999999999h", "too large" },
    };

    public static TheoryData<string, TimeSpan, string> FormatCases => new()
    {
        { "zero", TimeSpan.Zero, "0s" },
        { "milliseconds", TimeSpan.FromMilliseconds(500), "500ms" },
        { "seconds", TimeSpan.FromSeconds(30), "30s" },
        { "minutes and seconds", TimeSpan.FromSeconds(90), "1m30s" },
        { "hours and minutes", TimeSpan.FromMinutes(90), "1h30m" },
        { "days as hours", TimeSpan.FromDays(31), "744h" },
        { "second and a half", TimeSpan.FromMilliseconds(1500), "1s500ms" },
        { "sub-millisecond", TimeSpan.FromTicks(5_000), "0.5ms" },
    };

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Parse_ValidDuration_ReturnsValue(string name, string text, TimeSpan expected)
    {
        Assert.True(Durations.TryParse(text, out var value), name);
        Assert.Equal(expected, value);
        Assert.Equal(expected, Durations.Parse(text));
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Parse_InvalidDuration_FailsWithHint(string name, string text, string? hint)
    {
        Assert.False(Durations.TryParse(text, out var value), name);
        Assert.Equal(TimeSpan.Zero, value);
        var error = Assert.Throws<FormatException>(() => Durations.Parse(text));
        Assert.StartsWith($"expected a duration like 30s, 5m or 24h, got '{text}'", error.Message, StringComparison.Ordinal);
        if (hint is not null)
        {
            Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(FormatCases))]
    public void Format_Duration_IsCanonicalAndParsesBack(string name, TimeSpan value, string expected)
    {
        Assert.Equal(expected, Durations.Format(value));
        Assert.True(Durations.TryParse(Durations.Format(value), out var back), name);
        Assert.Equal(value, back);
    }

    [Fact]
    public void Format_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Durations.Format(TimeSpan.FromSeconds(-1)));
}
