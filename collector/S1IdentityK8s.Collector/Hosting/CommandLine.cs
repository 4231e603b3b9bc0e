namespace S1IdentityK8s.Collector.Hosting;

/// <summary>The collector's command line: <c>--config FILE</c> (or <c>--config=FILE</c>).</summary>
public static class CommandLine
{
    /// <summary>The config path, or null when absent.</summary>
    public static string? ConfigPath(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Count)
            {
                return args[i + 1];
            }
            if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                return args[i]["--config=".Length..];
            }
        }
        return null;
    }
}
