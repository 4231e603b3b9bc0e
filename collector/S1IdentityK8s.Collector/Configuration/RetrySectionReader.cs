using S1IdentityK8s.Common;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>Reads the <c>sentinelOne.retry</c> and <c>sekoia.retry</c> sections.</summary>
internal static class RetrySectionReader
{
    /// <summary>The <c>sentinelOne.retry</c> options; problems go to the section's errors.</summary>
    public static RetryOptions Read(YamlSection section)
    {
        var defaults = new RetryOptions();
        var maxAttempts = section.Integer("maxAttempts", defaults.MaxAttempts, 1, 20);
        var (initialDelay, maxDelay) = ReadDelays(section, defaults.InitialDelay, defaults.MaxDelay);
        section.ReportUnknownKeys();
        return new RetryOptions { MaxAttempts = maxAttempts, InitialDelay = initialDelay, MaxDelay = maxDelay };
    }

    /// <summary>The <c>sekoia.retry</c> options (no attempt limit: a push is retried until it is answered).</summary>
    public static IntakeRetryOptions ReadIntake(YamlSection section)
    {
        var defaults = new IntakeRetryOptions();
        var (initialDelay, maxDelay) = ReadDelays(section, defaults.InitialDelay, defaults.MaxDelay);
        section.ReportUnknownKeys();
        return new IntakeRetryOptions { InitialDelay = initialDelay, MaxDelay = maxDelay };
    }

    private static (TimeSpan Initial, TimeSpan Max) ReadDelays(YamlSection section, TimeSpan initialDefault, TimeSpan maxDefault)
    {
        var initialDelay = section.Duration("initialDelay", initialDefault, TimeSpan.Zero, minExclusive: true);
        var maxDelay = section.Duration("maxDelay", maxDefault, TimeSpan.Zero, minExclusive: true);
        if (maxDelay < initialDelay)
        {
            section.Errors.Expected(section.KeyPath("maxDelay"),
                $"a duration of at least {section.KeyPath("initialDelay")} ({Durations.Format(initialDelay)})", Durations.Format(maxDelay));
            maxDelay = initialDelay;
        }
        return (initialDelay, maxDelay);
    }
}
