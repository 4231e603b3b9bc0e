namespace S1IdentityK8s.Collector.Backfill;

/// <summary>The outcome of a start and the backfill now known under that name (the existing one unless Created).</summary>
/// <param name="Outcome">Created, Existing or Conflict.</param>
/// <param name="Record">The backfill under the requested name.</param>
public sealed record BackfillStartResult(BackfillStartOutcome Outcome, BackfillRecord Record);
