namespace S1IdentityK8s.Collector.Configuration;

/// <summary>Reads the <c>sentinelOne.retry</c> section.</summary>
internal static class RetrySectionReader
{
    /// <summary>The section's options; problems go to the section's errors.</summary>
    public static RetryOptions Read(YamlSection section)
    {
        var defaults = new RetryOptions();
        var maxAttempts = section.Integer("maxAttempts", defaults.MaxAttempts, 1, 20);
        var initialDelay = section.Duration("initialDelay", defaults.InitialDelay, TimeSpan.Zero, minExclusive: true);
        var maxDelay = section.Duration("maxDelay", defaults.MaxDelay, TimeSpan.Zero, minExclusive: true);
        if (maxDelay < initialDelay)
        {
            section.Errors.Expected(section.KeyPath("maxDelay"),
                $"a duration of at least {section.KeyPath("initialDelay")} ({Durations.Format(initialDelay)})", Durations.Format(maxDelay));
            maxDelay = initialDelay;
        }
        section.ReportUnknownKeys();
        return new RetryOptions { MaxAttempts = maxAttempts, InitialDelay = initialDelay, MaxDelay = maxDelay };
    }
}
