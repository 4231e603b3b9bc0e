using S1IdentityK8s.Collector.Backfill;
using ProtoBackfill = S1IdentityK8s.Protos.Collector.V1.Backfill;
using ProtoPhase = S1IdentityK8s.Protos.Collector.V1.BackfillPhase;

namespace S1IdentityK8s.Collector.Api;

/// <summary>Maps backfill records and phases to their API messages.</summary>
internal static class BackfillMessages
{
    /// <summary>The API view of <paramref name="record"/>; unset times stay unset.</summary>
    public static ProtoBackfill ToProto(BackfillRecord record) => new()
    {
        Name = record.Name,
        From = ProtoTime.FromMs(record.FromMs),
        To = ProtoTime.FromMs(record.ToMs),
        DryRun = record.DryRun,
        Phase = ToProto(record.Phase),
        Pages = record.Pages,
        AlertsFetched = record.AlertsFetched,
        AlertsSent = record.AlertsSent,
        AlertsDeadLettered = record.AlertsDeadLettered,
        Progress = record.Progress,
        Cursor = ProtoTime.FromMs(record.CursorMs),
        CreateTime = ProtoTime.From(record.CreatedAt),
        StartTime = ProtoTime.From(record.StartedAt),
        FinishTime = ProtoTime.From(record.FinishedAt),
        Message = record.DisplayMessage,
        Source = record.Source,
    };

    /// <summary>The API phase of <paramref name="phase"/>.</summary>
    public static ProtoPhase ToProto(BackfillPhase phase) => phase switch
    {
        BackfillPhase.Pending => ProtoPhase.Pending,
        BackfillPhase.Running => ProtoPhase.Running,
        BackfillPhase.Succeeded => ProtoPhase.Succeeded,
        BackfillPhase.Failed => ProtoPhase.Failed,
        BackfillPhase.Cancelled => ProtoPhase.Cancelled,
        _ => ProtoPhase.Unspecified,
    };
}
