namespace S1IdentityK8s.Collector.Configuration;

/// <summary>Reads the <c>collection</c> section.</summary>
internal static class CollectionSectionReader
{
    /// <summary>The section's options; problems go to the section's errors.</summary>
    public static CollectionOptions Read(YamlSection section)
    {
        var defaults = new CollectionOptions();
        var options = new CollectionOptions
        {
            PollInterval = section.Duration("pollInterval", defaults.PollInterval, TimeSpan.FromSeconds(1)),
            SettleDelay = section.Duration("settleDelay", defaults.SettleDelay, TimeSpan.Zero),
            Overlap = section.Duration("overlap", defaults.Overlap, TimeSpan.Zero),
            InitialLookback = section.Duration("initialLookback", defaults.InitialLookback, TimeSpan.Zero, minExclusive: true),
            CollectUpdates = section.Boolean("collectUpdates", defaults.CollectUpdates),
            CredentialsRetryInterval = section.Duration("credentialsRetryInterval", defaults.CredentialsRetryInterval, TimeSpan.FromSeconds(1)),
        };
        section.ReportUnknownKeys();
        return options;
    }
}
