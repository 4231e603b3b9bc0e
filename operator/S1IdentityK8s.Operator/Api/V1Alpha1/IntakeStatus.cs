using S1IdentityK8s.Operator.Api.Schema;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>The observed state of an intake, written by the operator only.</summary>
public sealed class IntakeStatus
{
    /// <summary>The <c>metadata.generation</c> the operator last acted on.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Ready, Reconciling, Stalled (kstatus) and the collector's own conditions.</summary>
    [ListMapKey("type")]
    public IList<IntakeCondition>? Conditions { get; set; }

    /// <summary>How far delivery has durably progressed.</summary>
    public CheckpointStatus? Checkpoint { get; set; }

    /// <summary>
    /// Seconds between now and the live watermark (how late delivery is), to a resolution: it is rewritten
    /// with any other status change, else only when it moved by the poll interval (at least 10 s, at least
    /// a tenth of the value shown). The checkpoint is refreshed with it. The collector's
    /// s1identity_lag_seconds metric has the exact value.
    /// </summary>
    public long? LagSeconds { get; set; }

    /// <summary>Alerts acknowledged by Sekoia since the collector started.</summary>
    public long? ForwardedTotal { get; set; }

    /// <summary>Alerts set aside in the dead-letter store (e.g. over 250 KiB) since the collector started.</summary>
    public long? DeadLetteredTotal { get; set; }

    /// <summary>Progress of the declared backfills.</summary>
    [ListMapKey("name")]
    public IList<BackfillStatus>? Backfills { get; set; }
}
