using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Hosting;

namespace S1IdentityK8s.Collector.Backfill;

/// <summary>
/// Starts the config's <c>backfills[]</c> (source <c>config</c>) at startup and after every config reload,
/// idempotently: a known name with the same window does nothing; a known name whose window changed is not
/// restarted (the name is the idempotency key): that is logged as an error and shown in that backfill's
/// message until the config agrees again. An invalid declaration (e.g. <c>to</c> in the future) is logged
/// and skipped; it is looked at again on the next reload (so a <c>to</c> still in the future needs one).
/// </summary>
public sealed class DeclaredBackfills(
    BackfillRegistry registry, CollectorOptions options, ConfigReloader? reloader, TimeProvider time, ILogger<DeclaredBackfills> logger)
    : IHostedService
{
    private readonly Lock _gate = new();
    private Task _applying = Task.CompletedTask;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (reloader is not null)
        {
            reloader.Reloaded += OnReloaded;
        }
        try
        {
            await ApplyAsync(options.Backfills, options.BackfillMaxSpan, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Live collection must still start: the declarations are applied again at the next reload.
            logger.LogError("Could not apply the declared backfills: {Error}", e.Message);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (reloader is not null)
        {
            reloader.Reloaded -= OnReloaded;
        }
        lock (_gate)
        {
            return _applying.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Applies <paramref name="declared"/>; every outcome is logged, nothing throws for a bad declaration.</summary>
    public async Task ApplyAsync(IReadOnlyList<BackfillRequest> declared, TimeSpan maxSpan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(declared);
        foreach (var declaration in declared)
        {
            var spec = new BackfillSpec(declaration.Name, declaration.From, declaration.To, DryRun: false, BackfillSpec.ConfigSource);
            if (registry.Get(spec.Name) is null
                && BackfillValidator.Validate(spec.Name, spec.From, spec.To, time.GetUtcNow(), maxSpan) is { } error)
            {
                logger.LogError("Declared backfill {Name} not started: {Error}", spec.Name, error);
                continue;
            }
            var result = await registry.StartAsync(spec, cancellationToken).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case BackfillStartOutcome.Created:
                    logger.LogInformation("Declared backfill {Name} queued: detectedAt in [{From:O}, {To:O})", spec.Name, spec.From, spec.To);
                    break;
                case BackfillStartOutcome.Existing:
                    await registry.SetConfigConflictAsync(spec.Name, null, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    var conflict = Conflict(spec, result.Record);
                    logger.LogError("Declared backfill {Name}: {Conflict}", spec.Name, conflict);
                    await registry.SetConfigConflictAsync(spec.Name, conflict, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private static string Conflict(BackfillSpec spec, BackfillRecord existing) =>
        $"the config declares [{BackfillValidator.Rfc3339(spec.From)}, {BackfillValidator.Rfc3339(spec.To)}) for this name, "
        + $"but it was started with [{Rfc3339(existing.FromMs)}, {Rfc3339(existing.ToMs)}){(existing.DryRun ? " as a dry run" : "")}; "
        + "a name runs once, so it was not restarted: declare a new name to re-pull another window";

    private static string Rfc3339(long ms) => BackfillValidator.Rfc3339(DateTimeOffset.FromUnixTimeMilliseconds(ms));

    // Reloads arrive on the reloader's thread: queue each apply behind the previous one and log failures.
    private void OnReloaded(CollectorOptions reloaded)
    {
        lock (_gate)
        {
            _applying = _applying.ContinueWith(async _ =>
            {
                try
                {
                    await ApplyAsync(reloaded.Backfills, reloaded.BackfillMaxSpan, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    logger.LogError("Could not apply the declared backfills: {Error}", e.Message);
                }
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }
}
