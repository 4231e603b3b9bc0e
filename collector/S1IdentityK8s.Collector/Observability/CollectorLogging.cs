using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Common;

namespace S1IdentityK8s.Collector.Observability;

/// <summary>
/// Console logging, JSON (one object per line, for log shippers) or text. HTTP client loggers are kept
/// at Warning and Polly is silenced: our own messages say what failed, while Polly's repeat a stack trace
/// per attempt.
/// </summary>
public static class CollectorLogging
{
    /// <summary>Configures <paramref name="logging"/> per <paramref name="options"/>.</summary>
    public static ILoggingBuilder ConfigureCollectorLogging(this ILoggingBuilder logging, LoggingOptions options)
    {
        logging.AddConsoleFormat(text: options.Format == LogFormat.Text);
        logging.SetMinimumLevel(options.Level);
        logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        logging.AddFilter("Polly", LogLevel.None);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Extensions.Http", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        return logging;
    }
}
