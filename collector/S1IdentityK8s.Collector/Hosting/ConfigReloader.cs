using System.Security.Cryptography;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;

namespace S1IdentityK8s.Collector.Hosting;

/// <summary>
/// Watches the config file and applies what can change without a restart: <c>suspend</c> now, and whatever
/// subscribes to <see cref="Reloaded"/> (declarative backfills). It compares content hashes once a second
/// rather than relying on file-system events, because Kubernetes updates a mounted ConfigMap by swapping a
/// symlink, which inotify watchers on the file itself do not see. An invalid new file is reported and
/// ignored: the running configuration stays.
/// </summary>
public sealed class ConfigReloader(string path, CollectorControl control, TimeProvider time, ILogger<ConfigReloader> logger) : BackgroundService
{
    /// <summary>How often the file is checked.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>Raised with the new options after a valid reload.</summary>
    public event Action<CollectorOptions>? Reloaded;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = Fingerprint();
        using var timer = new PeriodicTimer(CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
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
