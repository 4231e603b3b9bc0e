namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>How far the collector has durably delivered, as read from its checkpoint.</summary>
public sealed class CheckpointStatus
{
    /// <summary>Watermark of the live pass on <c>detectedAt</c>: every alert detected before it was acknowledged by Sekoia.</summary>
    public DateTime? DetectedAt { get; set; }

    /// <summary>Watermark of the second pass on <c>updatedAt</c> (when <c>collectUpdates</c> is on).</summary>
    public DateTime? UpdatedAt { get; set; }

    /// <summary>When the checkpoint was last written.</summary>
    public DateTime? CommittedAt { get; set; }
}
