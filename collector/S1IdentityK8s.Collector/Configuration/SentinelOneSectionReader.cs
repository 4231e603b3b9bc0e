namespace S1IdentityK8s.Collector.Configuration;

/// <summary>Reads the <c>sentinelOne</c> section.</summary>
internal static class SentinelOneSectionReader
{
    /// <summary>Stands in for an invalid hostname so reading can go on; never returned from a valid load.</summary>
    private static readonly Uri Placeholder = new("https://hostname.invalid/");

    /// <summary>The section's options; problems go to the section's errors.</summary>
    public static SentinelOneOptions Read(YamlSection section, ConfigPaths paths)
    {
        var defaults = new SentinelOneOptions { BaseUri = Placeholder };
        var hostname = section.Scalar("hostname");
        if (!SentinelOneHostname.TryNormalize(hostname, out var baseUri, out var error))
        {
            section.Errors.Add(section.KeyPath("hostname"), error);
        }

        var options = new SentinelOneOptions
        {
            BaseUri = baseUri ?? Placeholder,
            ApiTokenFile = paths.Resolve(section.OptionalText("apiTokenFile")),
            PageSize = section.Integer("pageSize", defaults.PageSize, 1, 1000),
            DetailBatchSize = section.Integer("detailBatchSize", defaults.DetailBatchSize, 1, 100),
            DetailConcurrency = section.Integer("detailConcurrency", defaults.DetailConcurrency, 1, 16),
            RequestsPerSecond = RequestsPerSecond(section, defaults.RequestsPerSecond),
            RequestTimeout = section.Duration("requestTimeout", defaults.RequestTimeout, TimeSpan.Zero, minExclusive: true),
            Retry = RetrySectionReader.Read(section.Section("retry")),
        };
        section.ReportUnknownKeys();
        return options;
    }

    // Above 0, and not so small that the pace between two requests overflows a timer: the smallest budget is
    // one request every 100 s.
    private static double RequestsPerSecond(YamlSection section, double fallback)
    {
        var value = section.Number("requestsPerSecond", fallback, 0, 100);
        if (value >= SentinelOneOptions.MinRequestsPerSecond)
        {
            return value;
        }
        section.Errors.Expected(section.KeyPath("requestsPerSecond"),
            FormattableString.Invariant($"a number of at least {SentinelOneOptions.MinRequestsPerSecond} (one request every 100 s) and at most 100"),
            value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        return fallback;
    }
}
