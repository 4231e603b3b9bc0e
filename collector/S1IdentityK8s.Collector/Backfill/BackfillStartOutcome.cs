namespace S1IdentityK8s.Collector.Backfill;

/// <summary>What starting a backfill did, the name being the idempotency key.</summary>
public enum BackfillStartOutcome
{
    /// <summary>The name was new: the backfill is queued (Pending).</summary>
    Created,

    /// <summary>The name exists with the same window and dry-run flag: nothing was done.</summary>
    Existing,

    /// <summary>The name exists with another window or dry-run flag: nothing was done.</summary>
    Conflict,
}
