using Microsoft.Extensions.Logging;

namespace S1IdentityK8s.PodRunner.Watching;

/// <summary>
/// The operator's watcher logs through <see cref="ILogger"/>; the runner prints one plain line per event
/// instead: warnings and errors (a watch that failed and reconnects), with the exception's message only.
/// </summary>
public sealed class WatchLog : ILogger
{
    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            RunnerLog.Info(exception is null ? formatter(state, exception) : $"{formatter(state, exception)} ({exception.GetType().Name}: {exception.Message})");
        }
    }
}
