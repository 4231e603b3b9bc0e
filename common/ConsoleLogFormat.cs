namespace S1IdentityK8s.Common;

/// <summary>
/// The console log format the collector and the operator share, so one log shipper setup reads both: JSON,
/// one object per line, or single-line text for humans; UTC timestamps with milliseconds either way.
/// </summary>
internal static class ConsoleLogFormat
{
    /// <summary>Replaces the providers of <paramref name="logging"/> with the console in that format.</summary>
    /// <param name="logging">The builder to configure.</param>
    /// <param name="text">Single-line text instead of JSON.</param>
    public static ILoggingBuilder AddConsoleFormat(this ILoggingBuilder logging, bool text)
    {
        logging.ClearProviders();
        if (text)
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }
        else
        {
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        return logging;
    }
}
