using S1IdentityK8s.Common;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Protos.Collector.V1;

namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>Turns what a collector reports over gRPC into the intake's status fields and conditions.</summary>
public static class CollectorStatusMapper
{
    /// <summary>The collector's conditions: CredentialsValid, SourceReachable, SinkReachable, Lagging, Suspended.</summary>
    public static (string Type, string Status, string Reason, string Message)[] Conditions(CollectorStatus collector, IntakeSpec spec, DateTimeOffset now)
    {
        var rejected = collector.Sentinelone?.CredentialsValid == false || collector.Sekoia?.CredentialsValid == false;
        var allowedLag = Durations.Parse(spec.Collection.PollInterval) * 2 + Durations.Parse(spec.Collection.SettleDelay);
        var lagging = TimeSpan.FromSeconds(collector.LagSeconds) > allowedLag;
        return
        [
            (ConditionTypes.CredentialsValid, rejected ? "False" : "True",
                rejected ? ConditionReasons.CredentialsRejected : ConditionReasons.CredentialsAccepted,
                rejected ? "SentinelOne or Sekoia refused the credentials" : "the credentials are accepted"),
            Reachability(ConditionTypes.SourceReachable, "SentinelOne", collector.Sentinelone, OutageAllowance(spec), now),
            Reachability(ConditionTypes.SinkReachable, "Sekoia", collector.Sekoia, OutageAllowance(spec), now),
            (ConditionTypes.Lagging, lagging ? "True" : "False", lagging ? ConditionReasons.Behind : ConditionReasons.UpToDate,
                // No lag figure here: it moves on every poll and would rewrite the status each time (see status.lagSeconds).
                lagging
                    ? $"delivery is more than {allowedLag.TotalSeconds}s behind (twice the poll interval plus the settle delay)"
                    : $"delivery is within {allowedLag.TotalSeconds}s (twice the poll interval plus the settle delay)"),
            (ConditionTypes.Suspended, collector.Suspended ? "True" : "False",
                collector.Suspended ? ConditionReasons.SuspendRequested : ConditionReasons.Polling,
                collector.Suspended ? "polling stopped after the in-flight page" : "the collector polls"),
        ];
    }

    /// <summary>The checkpoint as the status shows it (whole seconds, UTC).</summary>
    public static CheckpointStatus? Checkpoint(CollectorStatus collector) => collector.Checkpoint is { } c
        ? new CheckpointStatus { DetectedAt = Time(c.DetectedWatermark), UpdatedAt = Time(c.UpdatedWatermark), CommittedAt = Time(c.CommittedTime) }
        : null;

    /// <summary>The progress of each declared backfill: what the collector reports, or Pending when it does not know it yet.</summary>
    public static List<BackfillStatus>? Backfills(IntakeSpec spec, IReadOnlyList<Backfill> known) =>
        spec.Backfills is { Count: > 0 } declared
            ? [.. declared.Select(d => known.FirstOrDefault(k => k.Name == d.Name) is { } k
                ? new BackfillStatus { Name = d.Name, Phase = Phase(k.Phase), Progress = Math.Round(k.Progress, 3), Message = Empty(k.Message) }
                : new BackfillStatus { Name = d.Name, Phase = BackfillPhases.Pending })]
            : null;

    // A failure the collector retries (503, reset, timeout) is only an outage once no call has succeeded for
    // a while: two poll intervals, and never less than 30 s, so one retried blip does not flip the condition.
    private static TimeSpan OutageAllowance(IntakeSpec spec) =>
        TimeSpan.FromTicks(Math.Max((Durations.Parse(spec.Collection.PollInterval) * 2).Ticks, TimeSpan.FromSeconds(30).Ticks));

    private static (string, string, string, string) Reachability(
        string type, string service, SubsystemStatus? subsystem, TimeSpan allowance, DateTimeOffset now) => subsystem switch
        {
            { State: SubsystemState.Failing } => (type, "False", ConditionReasons.Unreachable, $"{service}: {subsystem.LastError}"),
            // The time of the last success (not the outage's length) keeps the message stable while it lasts.
            { State: SubsystemState.Degraded } when subsystem.LastSuccessTime is not { } success || now - success.ToDateTimeOffset() > allowance =>
                (type, "False", ConditionReasons.Unreachable, subsystem.LastSuccessTime is { } last
                    ? $"{service}: no successful answer since {last.ToDateTimeOffset():yyyy-MM-ddTHH:mm:ssZ}: {subsystem.LastError}"
                    : $"{service}: no successful answer yet: {subsystem.LastError}"),
            _ => (type, "True", ConditionReasons.Reachable, $"{service} answers"),
        };

    private static string Phase(BackfillPhase phase) => phase switch
    {
        BackfillPhase.Running => BackfillPhases.Running,
        BackfillPhase.Succeeded => BackfillPhases.Succeeded,
        BackfillPhase.Failed => BackfillPhases.Failed,
        BackfillPhase.Cancelled => BackfillPhases.Cancelled,
        _ => BackfillPhases.Pending,
    };

    private static DateTime? Time(Google.Protobuf.WellKnownTypes.Timestamp? timestamp) =>
        timestamp is null ? null : DateTime.UnixEpoch.AddSeconds(timestamp.Seconds);

    private static string? Empty(string text) => text.Length == 0 ? null : text;
}
