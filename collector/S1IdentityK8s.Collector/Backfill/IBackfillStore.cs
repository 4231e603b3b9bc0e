namespace S1IdentityK8s.Collector.Backfill;

/// <summary>Where backfill records persist: files beside the checkpoint standalone, a ConfigMap in a cluster.</summary>
public interface IBackfillStore
{
    /// <summary>Every readable record, and where each unreadable one was with why it was skipped.</summary>
    (IReadOnlyList<BackfillRecord> Records, IReadOnlyList<(string Path, string Error)> Unreadable) LoadAll();

    /// <summary>Durably replaces the record; returns once it would survive a crash.</summary>
    Task SaveAsync(BackfillRecord record, CancellationToken cancellationToken);
}
