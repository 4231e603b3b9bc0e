namespace S1IdentityK8s.Collector.Backfill;

/// <summary>Where a backfill is in its life. Succeeded, Failed and Cancelled are final.</summary>
public enum BackfillPhase
{
    /// <summary>Queued behind the running backfill (backfills run one at a time).</summary>
    Pending,

    /// <summary>Paging through its window; after a restart it resumes from its cursor.</summary>
    Running,

    /// <summary>Every alert of the window was read and, unless a dry run, acknowledged or dead-lettered.</summary>
    Succeeded,

    /// <summary>Stopped by an error retrying will not fix (a refused query, too many failed attempts).</summary>
    Failed,

    /// <summary>Stopped on request, after its in-flight page.</summary>
    Cancelled,
}
