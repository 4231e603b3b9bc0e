namespace S1IdentityK8s.Collector.Hosting;

/// <summary>
/// The one way the collector stops on a fatal error: the reason goes to stderr at once, synchronously (the
/// console logger writes from a queue that a stopping host drains for a moment only, so a logged reason
/// could be lost), the exit code becomes 1, and the host stops. Kubernetes then sees a crash with its
/// reason, not a clean exit. Also watches every <see cref="BackgroundService"/>: one that throws is fatal
/// (the host alone would stop with exit code 0).
/// </summary>
public sealed class FatalExit(IHostApplicationLifetime lifetime, TextWriter? error = null, string? terminationMessagePath = FatalExit.TerminationMessagePath)
{
    /// <summary>
    /// Where the kubelet mounts a container's termination message file (the default
    /// <c>terminationMessagePath</c>). The reason written there is what <c>kubectl describe</c> and the
    /// operator show, whatever the collector logs while it stops: with <c>FallbackToLogsOnError</c> alone,
    /// the kubelet keeps only the log's last 2 KiB, from which a fatal line can already have scrolled away.
    /// </summary>
    public const string TerminationMessagePath = "/dev/termination-log";

    private readonly TextWriter _error = error ?? Console.Error;
    private readonly Lock _lock = new();
    private string? _reason;

    /// <summary>0 while no fatal error happened, then 1: the process's exit code.</summary>
    public int ExitCode => Reason is null ? 0 : 1;

    /// <summary>The first fatal reason, or null.</summary>
    public string? Reason
    {
        get
        {
            lock (_lock)
            {
                return _reason;
            }
        }
    }

    /// <summary>Writes <c>fatal: reason</c> to stderr (the first reason only) and stops the host.</summary>
    public void Stop(string reason)
    {
        lock (_lock)
        {
            if (_reason is not null)
            {
                return;
            }
            _reason = reason;
            _error.WriteLine($"fatal: {reason}");
            _error.Flush();
            WriteTerminationMessage($"fatal: {reason}\n");
        }
        lifetime.StopApplication();
    }

    /// <summary>
    /// Makes a fault of any of <paramref name="services"/> fatal, now if it already failed, else when it
    /// does. Messages are our exceptions' own (secret-free by design), prefixed with the service's name.
    /// </summary>
    public void Watch(IEnumerable<IHostedService> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var service in services.OfType<BackgroundService>())
        {
            service.ExecuteTask?.ContinueWith(
                t => Stop($"{service.GetType().Name} failed: {Describe(t.Exception)}"),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    // Only where the kubelet put the file: outside a pod nothing is created.
    private void WriteTerminationMessage(string message)
    {
        if (terminationMessagePath is null || !File.Exists(terminationMessagePath))
        {
            return;
        }
        try
        {
            File.WriteAllText(terminationMessagePath, message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _error.WriteLine($"could not write the termination message to {terminationMessagePath}: {e.Message}");
        }
    }

    private static string Describe(AggregateException? failure) =>
        failure?.InnerException is { } e ? $"{e.GetType().Name}: {e.Message}" : "unknown error";
}
