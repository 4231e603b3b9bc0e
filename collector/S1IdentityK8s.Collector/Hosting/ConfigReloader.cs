using System.Security.Cryptography;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;

namespace S1IdentityK8s.Collector.Hosting;

/// <summary>
/// Watches the config file and applies what can change without a restart: <c>suspend</c> now, and whatever
/// subscribes to <see cref="Reloaded"/> (declarative backfills). It compares content hashes whenever the
/// file's directory reports a change (inotify, through <see cref="FileSystemWatcher"/>): Kubernetes updates
/// a mounted ConfigMap by swapping the directory's <c>..data</c> symlink, which a watch on the file itself
/// would not see. A slow poll stays as the safety net (an inotify queue overflow, a file system without
/// notifications), and a fast one when no watch can be set up (the inotify limits reached): polling once a
/// second, as this did before, woke an idle collector every second for nothing. An invalid new file is
/// reported and ignored: the running configuration stays.
/// </summary>
public sealed class ConfigReloader(string path, CollectorControl control, TimeProvider time, ILogger<ConfigReloader> logger) : BackgroundService
{
    /// <summary>How often the file is checked besides the change notices.</summary>
    public static readonly TimeSpan FallbackInterval = TimeSpan.FromSeconds(30);

    /// <summary>How often the file is checked when its directory cannot be watched.</summary>
    public static readonly TimeSpan UnwatchedInterval = TimeSpan.FromSeconds(1);

    // An editor saving in place sends several notices (truncate, write, close): checked once they settle.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    private readonly SemaphoreSlim _notices = new(0, 1);

    /// <summary>Raised with the new options after a valid reload.</summary>
    public event Action<CollectorOptions>? Reloaded;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = Fingerprint();
        using var watcher = Watch();
        var interval = watcher is null ? UnwatchedInterval : FallbackInterval;
        try
        {
            while (true)
            {
                if (await WaitForNoticeAsync(interval, stoppingToken).ConfigureAwait(false))
                {
                    await Task.Delay(Settle, time, stoppingToken).ConfigureAwait(false);
                }
                var current = Fingerprint();
                if (current is null || current == last)
                {
                    continue;
                }
                last = current;
                Apply();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _notices.Dispose();
        base.Dispose();
    }

    // True on a change notice, false when the interval passed without one.
    private async Task<bool> WaitForNoticeAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var notice = _notices.WaitAsync(wake.Token);
        var elapsed = Task.Delay(interval, time, wake.Token);
        var first = await Task.WhenAny(notice, elapsed).ConfigureAwait(false);
        await wake.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
        return first == notice && notice.IsCompletedSuccessfully;
    }

    private FileSystemWatcher? Watch()
    {
        try
        {
            var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += (_, _) => Notice();
            watcher.Created += (_, _) => Notice();
            watcher.Deleted += (_, _) => Notice();
            watcher.Renamed += (_, _) => Notice();
            watcher.Error += (_, _) => Notice();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            logger.LogWarning("Cannot watch the config file's directory ({Reason}): checking the file every {Interval}", e.Message, UnwatchedInterval);
            return null;
        }
    }

    private void Notice()
    {
        try
        {
            if (_notices.CurrentCount == 0)
            {
                _notices.Release();
            }
        }
        catch (Exception e) when (e is SemaphoreFullException or ObjectDisposedException)
        {
            // A notice is already pending, or the service is stopping.
        }
    }

    private void Apply()
    {
        var result = CollectorConfigLoader.Load(path);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                logger.LogError("Ignoring the changed config file, keeping the running configuration: {Error}", error);
            }
            return;
        }
        logger.LogInformation("Config file changed: applying suspend={Suspend} and {Backfills} declared backfills (other changes need a restart)",
            result.Options!.Suspend, result.Options.Backfills.Count);
        control.Suspended = result.Options.Suspend;
        Reloaded?.Invoke(result.Options);
    }

    private string? Fingerprint()
    {
        try
        {
            return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
