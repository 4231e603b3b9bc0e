using System.Collections.Immutable;

namespace S1IdentityK8s.Collector.Backfill;

/// <summary>
/// Every backfill this collector knows, finished ones included (so a name stays an idempotency key across
/// restarts), persisted through <see cref="IBackfillStore"/> before any change is visible. Changes are
/// serialised; reads are lock-free snapshots. <see cref="Changed"/> fires after each persisted change.
/// </summary>
public sealed class BackfillRegistry : IDisposable
{
    private readonly IBackfillStore _store;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private readonly Lock _activeGate = new();
    private ImmutableDictionary<string, BackfillRecord> _records;
    private TaskCompletionSource _nextChange = NewSignal();
    private BackfillRun? _active;

    /// <summary>Loads the persisted backfills; unreadable files are logged and left on disk for a person.</summary>
    public BackfillRegistry(IBackfillStore store, TimeProvider time, ILogger<BackfillRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _time = time;
        var (records, unreadable) = store.LoadAll();
        foreach (var (path, error) in unreadable)
        {
            logger.LogError("Ignoring unreadable backfill file {Path}: {Error}", path, error);
        }
        _records = records.ToImmutableDictionary(r => r.Name, StringComparer.Ordinal);
        if (records.Count > 0)
        {
            logger.LogInformation("Loaded {Count} backfills ({Active} pending or running)", records.Count, records.Count(r => r.IsActive));
        }
    }

    /// <summary>Raised with the new state after every persisted change, outside any lock.</summary>
    public event Action<BackfillRecord>? Changed;

    /// <summary>Completes at the next change; take it before checking state so no change slips between.</summary>
    public Task NextChange => Volatile.Read(ref _nextChange).Task;

    /// <summary>The backfill called <paramref name="name"/>, or null.</summary>
    public BackfillRecord? Get(string name) => _records.GetValueOrDefault(name);

    /// <summary>Every backfill, newest first.</summary>
    public IReadOnlyList<BackfillRecord> List() =>
        _records.Values.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();

    /// <summary>The backfill the runner should take next: an interrupted Running one, else the oldest Pending one.</summary>
    public BackfillRecord? NextRunnable() =>
        _records.Values
            .Where(r => r.IsActive)
            .OrderBy(r => r.Phase == BackfillPhase.Running ? 0 : 1)
            .ThenBy(r => r.CreatedAt)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>Queues <paramref name="spec"/> unless its name is known (then Existing or Conflict, and nothing changes).</summary>
    public async Task<BackfillStartResult> StartAsync(BackfillSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return await MutateAsync<BackfillStartResult>(() =>
        {
            if (Get(spec.Name) is { } existing)
            {
                var outcome = existing.Matches(spec) ? BackfillStartOutcome.Existing : BackfillStartOutcome.Conflict;
                return (new BackfillStartResult(outcome, existing), null);
            }
            var created = BackfillRecord.Create(spec, _time.GetUtcNow());
            return (new BackfillStartResult(BackfillStartOutcome.Created, created), created);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Cancels a Pending backfill at once, or asks the running one to stop after its in-flight page; a
    /// final one is returned unchanged. Null for an unknown name.
    /// </summary>
    public async Task<BackfillRecord?> CancelAsync(string name, CancellationToken cancellationToken) =>
        await MutateAsync<BackfillRecord?>(() =>
        {
            var record = Get(name);
            if (record is null || record.IsFinal || record.CancelRequested)
            {
                return (record, null);
            }
            BackfillRecord next;
            lock (_activeGate)
            {
                if (_active?.Name == name)
                {
                    _active.RequestCancel();
                    next = record with { CancelRequested = true, Message = "cancel requested: stopping after the in-flight page" };
                }
                else
                {
                    next = Finished(record, BackfillPhase.Cancelled, record.Phase == BackfillPhase.Pending
                        ? "cancelled before it started"
                        : $"cancelled after {record.Pages} pages");
                }
            }
            return (next, next);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Records (or, with null, clears) why the config's declaration of <paramref name="name"/> was not applied.</summary>
    public async Task SetConfigConflictAsync(string name, string? conflict, CancellationToken cancellationToken) =>
        await MutateAsync<BackfillRecord?>(() =>
        {
            var record = Get(name);
            return record is null || record.ConfigConflict == conflict ? (record, null) : (record, record with { ConfigConflict = conflict });
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Marks <paramref name="name"/> Running and hands the runner its hold on it; null when it is no longer
    /// runnable (finished, or its cancel was requested before a restart: then it becomes Cancelled here).
    /// </summary>
    public async Task<BackfillRun?> BeginRunAsync(string name, CancellationToken cancellationToken)
    {
        BackfillRun? created = null;
        try
        {
            return await MutateAsync<BackfillRun?>(() =>
            {
                if (Get(name) is not { IsActive: true } record)
                {
                    return (null, null);
                }
                if (record.CancelRequested)
                {
                    return (null, Finished(record, BackfillPhase.Cancelled, $"cancelled after {record.Pages} pages"));
                }
                created = new BackfillRun(name);
                lock (_activeGate)
                {
                    _active = created;
                }
                return (created, record with { Phase = BackfillPhase.Running, StartedAt = record.StartedAt ?? _time.GetUtcNow() });
            }, cancellationToken).ConfigureAwait(false);
        }
        catch when (created is not null)
        {
            // Not persisted as Running: drop the hold so a cancel meanwhile is handled as for a waiting backfill.
            Release(created);
            created.Dispose();
            throw;
        }
    }

    /// <summary>Applies <paramref name="change"/> to the running backfill and persists it; returns the new state.</summary>
    public async Task<BackfillRecord> UpdateAsync(BackfillRun run, Func<BackfillRecord, BackfillRecord> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(change);
        return await MutateAsync(() =>
        {
            var next = change(Get(run.Name) ?? throw new InvalidOperationException($"backfill '{run.Name}' vanished"));
            return (next, next);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves the running backfill to a final <paramref name="phase"/> and releases the runner's hold.</summary>
    public async Task<BackfillRecord> FinishAsync(BackfillRun run, BackfillPhase phase, string message, CancellationToken cancellationToken)
    {
        var finished = await UpdateAsync(run, r => Finished(r, phase, message), cancellationToken).ConfigureAwait(false);
        Release(run);
        return finished;
    }

    /// <summary>Releases the runner's hold without changing the phase (shutdown: it resumes on the next start).</summary>
    public void Release(BackfillRun run)
    {
        lock (_activeGate)
        {
            if (ReferenceEquals(_active, run))
            {
                _active = null;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _mutex.Dispose();

    private BackfillRecord Finished(BackfillRecord record, BackfillPhase phase, string message) =>
        record with { Phase = phase, FinishedAt = _time.GetUtcNow(), Message = message, CancelRequested = false };

    // Runs decide() under the mutex; when it returns a record to store, persists it first, then publishes it.
    private async Task<T> MutateAsync<T>(Func<(T Result, BackfillRecord? Store)> decide, CancellationToken cancellationToken)
    {
        BackfillRecord? stored;
        T result;
        await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            (result, stored) = decide();
            if (stored is not null)
            {
                await _store.SaveAsync(stored, cancellationToken).ConfigureAwait(false);
                _records = _records.SetItem(stored.Name, stored);
            }
        }
        finally
        {
            _mutex.Release();
        }
        if (stored is not null)
        {
            Interlocked.Exchange(ref _nextChange, NewSignal()).TrySetResult();
            Changed?.Invoke(stored);
        }
        return result;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
