using S1IdentityK8s.Common;

namespace S1IdentityK8s.Operator.Hosting;

/// <summary>
/// Console logging like the collector's: JSON, one object per line with a UTC timestamp, for
/// <c>kubectl logs</c> and log shippers (<c>LOG_FORMAT=text</c> for humans); level from <c>LOG_LEVEL</c>
/// (default Information). ASP.NET's own request and hosting chatter stays at Warning.
/// </summary>
public static class OperatorLogging
{
    /// <summary>Configures <paramref name="logging"/> from <paramref name="settings"/>.</summary>
    public static ILoggingBuilder ConfigureOperatorLogging(this ILoggingBuilder logging, IConfiguration settings)
    {
        logging.AddConsoleFormat(text: string.Equals(settings["LOG_FORMAT"], "text", StringComparison.OrdinalIgnoreCase));
        logging.SetMinimumLevel(Enum.TryParse<LogLevel>(settings["LOG_LEVEL"], ignoreCase: true, out var level) ? level : LogLevel.Information);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        return logging;
    }
}
