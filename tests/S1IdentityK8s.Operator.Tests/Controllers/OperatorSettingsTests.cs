using Microsoft.Extensions.Configuration;
using S1IdentityK8s.Operator.Hosting;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>Environment settings of the operator process: defaults, Go durations, errors naming the variable.</summary>
public sealed class OperatorSettingsTests
{
    private static readonly TimeSpan Fallback = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("5s", 5)]
    [InlineData("1m30s", 90)]
    [InlineData("500ms", 0.5)]
    public void Duration_GoDuration_IsParsed(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OperatorSettings.Duration(Configuration(text), "STATUS_POLL_INTERVAL", Fallback));

    [Fact]
    public void Duration_Unset_IsTheFallback() =>
        Assert.Equal(Fallback, OperatorSettings.Duration(Configuration(null), "STATUS_POLL_INTERVAL", Fallback));

    [Theory]
    [InlineData("30")]
    [InlineData("0")]
    [InlineData("soon")]
    // The collector's rule too (common/Durations.cs): Go knows no days, and no negative durations here.
    [InlineData("1d")]
    [InlineData("-5s")]
    public void Duration_NotAPositiveDuration_NamesTheVariableAndValue(string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => OperatorSettings.Duration(Configuration(text), "STATUS_POLL_INTERVAL", Fallback));

        Assert.Equal($"STATUS_POLL_INTERVAL: expected a positive duration such as 30s or 1m, got '{text}'", error.Message);
    }

    private static IConfiguration Configuration(string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["STATUS_POLL_INTERVAL"] = value }).Build();
}
