using System.Text.Json.Serialization;

namespace S1IdentityK8s.Collector.Backfill;

/// <summary>
/// One backfill as persisted and reported: its window, phase, counters and cursor. Immutable; the
/// registry replaces it on every change. The cursor is the greatest <c>detectedAt</c> whose page was
/// acknowledged plus the ids acknowledged at exactly that instant, which is all a resume needs: it
/// re-reads from the cursor and skips those ids, so ties split across pages are neither lost nor resent.
/// </summary>
public sealed record BackfillRecord
{
    /// <summary>The idempotency key.</summary>
    public required string Name { get; init; }

    /// <summary>Inclusive window start, epoch ms.</summary>
    public required long FromMs { get; init; }

    /// <summary>Exclusive window end, epoch ms.</summary>
    public required long ToMs { get; init; }

    /// <summary>Only counts, sends nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary><c>api</c> or <c>config</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The current phase.</summary>
    public BackfillPhase Phase { get; init; } = BackfillPhase.Pending;

    /// <summary>List pages read, re-reads after a resume included.</summary>
    public long Pages { get; init; }

    /// <summary>Distinct alerts read in the window (re-reads at a resumed cursor are not counted again).</summary>
    public long AlertsFetched { get; init; }

    /// <summary>Alerts acknowledged by the intake.</summary>
    public long AlertsSent { get; init; }

    /// <summary>Alerts dead-lettered instead of sent.</summary>
    public long AlertsDeadLettered { get; init; }

    /// <summary>Greatest acknowledged <c>detectedAt</c> (epoch ms); null before the first page with alerts.</summary>
    public long? CursorMs { get; init; }

    /// <summary>Ids acknowledged whose <c>detectedAt</c> equals <see cref="CursorMs"/>.</summary>
    public IReadOnlyList<string> CursorIds { get; init; } = [];

    /// <summary>Set by a cancel while running; honoured after the in-flight page, even across a restart.</summary>
    public bool CancelRequested { get; init; }

    /// <summary>When it was accepted.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it first started running.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it reached a final phase.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>What the runner last had to say (the failure on Failed); null when nothing.</summary>
    public string? Message { get; init; }

    /// <summary>Why the config's declaration of this name was not applied; null when it agrees.</summary>
    public string? ConfigConflict { get; init; }

    /// <summary>Whether the phase is final (Succeeded, Failed or Cancelled).</summary>
    [JsonIgnore]
    public bool IsFinal => Phase is BackfillPhase.Succeeded or BackfillPhase.Failed or BackfillPhase.Cancelled;

    /// <summary>Whether it waits for or holds the runner (Pending or Running).</summary>
    [JsonIgnore]
    public bool IsActive => !IsFinal;

    /// <summary>Fraction of the window behind the cursor, 0 to 1; exactly 1 once Succeeded.</summary>
    [JsonIgnore]
    public double Progress => Phase == BackfillPhase.Succeeded
        ? 1
        : CursorMs is { } cursor ? Math.Clamp((double)(cursor - FromMs) / (ToMs - FromMs), 0, 1) : 0;

    /// <summary>Whether <paramref name="spec"/> asks for exactly this backfill (same window and dry-run flag).</summary>
    public bool Matches(BackfillSpec spec) => spec.FromMs == FromMs && spec.ToMs == ToMs && spec.DryRun == DryRun;

    /// <summary>The message shown to people: the runner's words and any config conflict.</summary>
    [JsonIgnore]
    public string DisplayMessage => (Message, ConfigConflict) switch
    {
        (null, null) => "",
        ({ } m, null) => m,
        (null, { } c) => c,
        ({ } m, { } c) => $"{m}; {c}",
    };

    /// <summary>A new Pending record for <paramref name="spec"/>.</summary>
    public static BackfillRecord Create(BackfillSpec spec, DateTimeOffset now) => new()
    {
        Name = spec.Name,
        FromMs = spec.FromMs,
        ToMs = spec.ToMs,
        DryRun = spec.DryRun,
        Source = spec.Source,
        CreatedAt = now,
    };
}
