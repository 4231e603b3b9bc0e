namespace S1IdentityK8s.Collector.Configuration;

/// <summary>Reads the optional <c>deadLetters</c> section.</summary>
internal static class DeadLettersSectionReader
{
    /// <summary>The section's options; <paramref name="stateDirectory"/> (resolved) places the default directory.</summary>
    public static DeadLetterOptions Read(YamlSection section, ConfigPaths paths, string stateDirectory)
    {
        var directory = paths.Resolve(section.OptionalText("directory"));
        if (directory is not null && Path.TrimEndingDirectorySeparator(directory) == Path.TrimEndingDirectorySeparator(stateDirectory))
        {
            // The checkpoint and backfill files would then count as (damaged) letters.
            section.Errors.Expected(section.KeyPath("directory"), "a directory other than stateDirectory", ConfigText.Quote(directory));
            directory = null;
        }
        var options = new DeadLetterOptions
        {
            Directory = directory ?? Path.Combine(stateDirectory, "dead-letters"),
            MaxCount = section.Integer("maxCount", DeadLetterOptions.DefaultMaxCount, 1, 1_000_000),
            MaxBytes = section.Integer("maxBytes", DeadLetterOptions.DefaultMaxBytes, 1024 * 1024, int.MaxValue),
        };
        section.ReportUnknownKeys();
        return options;
    }
}
