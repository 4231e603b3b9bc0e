using S1IdentityK8s.Common;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>Reads the <c>sekoia</c> section: the region always (validated even when overridden), the endpoint when set.</summary>
internal static class SekoiaSectionReader
{
    /// <summary>The section's options; problems go to the section's errors.</summary>
    public static SekoiaOptions Read(YamlSection section, ConfigPaths paths)
    {
        var defaults = new SekoiaOptions();
        var region = section.Choice("region", defaults.Region, SekoiaEndpoints.Regions);
        var endpointText = section.OptionalText("endpoint");
        var endpoint = SekoiaEndpoints.ForRegion(region);
        if (endpointText is not null)
        {
            if (SekoiaEndpoints.TryNormalize(endpointText, out var explicitEndpoint, out var error))
            {
                endpoint = explicitEndpoint;
            }
            else
            {
                section.Errors.Add(section.KeyPath("endpoint"), error);
            }
        }

        var refusedDelay = section.Duration("refusedRetryDelay", defaults.RefusedRetryDelay, TimeSpan.Zero, minExclusive: true);
        var maxRefusedDelay = section.Duration("maxRefusedRetryDelay", defaults.MaxRefusedRetryDelay, TimeSpan.Zero, minExclusive: true);
        if (maxRefusedDelay < refusedDelay)
        {
            section.Errors.Expected(section.KeyPath("maxRefusedRetryDelay"),
                $"a duration of at least {section.KeyPath("refusedRetryDelay")} ({Durations.Format(refusedDelay)})", Durations.Format(maxRefusedDelay));
            maxRefusedDelay = refusedDelay;
        }

        var options = new SekoiaOptions
        {
            Region = region,
            EndpointUri = endpoint,
            EndpointOverridden = endpointText is not null,
            IntakeKeyFile = paths.Resolve(section.OptionalText("intakeKeyFile")),
            MaxBatchEvents = section.Integer("maxBatchEvents", defaults.MaxBatchEvents, 1, 10_000),
            RefusedRetryDelay = refusedDelay,
            MaxRefusedRetryDelay = maxRefusedDelay,
            Retry = RetrySectionReader.ReadIntake(section.Section("retry")),
            RequestTimeout = section.Duration("requestTimeout", defaults.RequestTimeout, TimeSpan.Zero, minExclusive: true),
        };
        section.ReportUnknownKeys();
        return options;
    }
}
