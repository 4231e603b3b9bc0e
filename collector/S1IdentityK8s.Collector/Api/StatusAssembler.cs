using System.Reflection;
using S1IdentityK8s.Collector.Backfill;
using S1IdentityK8s.Collector.Configuration;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.SentinelOne;
using S1IdentityK8s.Protos.Collector.V1;
using ProtoCheckpoint = S1IdentityK8s.Protos.Collector.V1.Checkpoint;
using ProtoSubsystemState = S1IdentityK8s.Protos.Collector.V1.SubsystemState;
using SubsystemState = S1IdentityK8s.Collector.Observability.SubsystemState;

namespace S1IdentityK8s.Collector.Api;

/// <summary>
/// Assembles <see cref="CollectorStatus"/> from the live sources: the committed checkpoint figures, both
/// dependencies' health, the request budget's Retry-After gate, the active backfills and what this process
/// dropped to stay within its bounds (dead letters, checkpoint dedup keys). Cheap: every
/// source is an in-memory snapshot.
/// </summary>
public sealed class StatusAssembler(
    CollectorOptions options, CollectionStatus collection, SubsystemHealth sentinelOne, SubsystemHealth sekoia,
    RequestBudget budget, BackfillRegistry backfills, CollectorMetrics metrics, TimeProvider time)
{
    /// <summary>The collector's version: the assembly's informational version (with its source revision).</summary>
    public static readonly string Version =
        typeof(StatusAssembler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The status as of now.</summary>
    public CollectorStatus Build()
    {
        var now = time.GetUtcNow();
        var current = collection.Current;
        var status = new CollectorStatus
        {
            Version = Version,
            IntakeNamespace = options.Intake.Namespace,
            IntakeName = options.Intake.Name,
            Checkpoint = new ProtoCheckpoint
            {
                DetectedWatermark = ProtoTime.FromMs(current.DetectedWatermarkMs),
                UpdatedWatermark = ProtoTime.FromMs(current.UpdatedWatermarkMs),
                CommittedTime = ProtoTime.From(current.CommittedAt),
            },
            LagSeconds = current.DetectedWatermarkMs is { } watermark
                ? Math.Max(0, (now - DateTimeOffset.FromUnixTimeMilliseconds(watermark)).TotalSeconds)
                : 0,
            AlertsFetchedTotal = current.FetchedTotal,
            AlertsForwardedTotal = current.ForwardedTotal,
            AlertsDeadLetteredTotal = current.DeadLetteredTotal,
            Sentinelone = Subsystem(sentinelOne),
            Sekoia = Subsystem(sekoia),
            RateLimitBackoffUntil = budget.NotBefore > now ? ProtoTime.From(budget.NotBefore) : null,
            Suspended = current.Suspended,
            LastCycleError = current.LastCycleError ?? "",
            ObservedTime = ProtoTime.From(now),
            DeadLettersDroppedTotal = (long)metrics.DeadLettersDropped.WithLabels(Sekoia.DeadLetterStore.CapacityReason).Value,
            DedupKeysDroppedTotal = (long)metrics.DedupKeysDropped.Value,
        };
        status.ActiveBackfills.AddRange(backfills.List().Where(b => b.IsActive).Select(BackfillMessages.ToProto));
        return status;
    }

    private static SubsystemStatus Subsystem(SubsystemHealth health)
    {
        var current = health.Current;
        var status = new SubsystemStatus
        {
            Name = health.Name,
            State = current.State switch
            {
                SubsystemState.Ok => ProtoSubsystemState.Ok,
                SubsystemState.Degraded => ProtoSubsystemState.Degraded,
                SubsystemState.Failing => ProtoSubsystemState.Failing,
                _ => ProtoSubsystemState.Unspecified,
            },
            LastError = current.LastError ?? "",
            BackoffUntil = ProtoTime.From(current.BackoffUntil),
            LastSuccessTime = ProtoTime.From(current.LastSuccessAt),
        };
        if (current.CredentialsValid is { } valid)
        {
            status.CredentialsValid = valid;
        }
        return status;
    }
}
