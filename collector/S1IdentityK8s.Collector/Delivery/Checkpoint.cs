namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// Everything that must survive a crash, written in one atomic write: the two watermarks (epoch ms), the
/// dedup window (keys and listed spans) and the delivery totals. A watermark only moves after the intake acknowledged every alert
/// of the pages behind it, so restarting from a checkpoint never skips an alert.
/// </summary>
public sealed class Checkpoint
{
    /// <summary>Upper bound of acknowledged <c>detectedAt</c> (epoch ms); null before the first start.</summary>
    public long? DetectedWatermarkMs { get; set; }

    /// <summary>Upper bound of acknowledged <c>updatedAt</c> (epoch ms); null before the first start.</summary>
    public long? UpdatedWatermarkMs { get; set; }

    /// <summary>When this checkpoint was written.</summary>
    public DateTimeOffset? CommittedAt { get; set; }

    /// <summary>Alerts acknowledged by the intake, over the collector's whole life.</summary>
    public long ForwardedTotal { get; set; }

    /// <summary>Alerts dead-lettered, over the collector's whole life.</summary>
    public long DeadLetteredTotal { get; set; }

    /// <summary>The dedup window's keys: delivered versions that no <see cref="Listed"/> span implies.</summary>
    public DeliveredKeys Delivered { get; } = new();

    /// <summary>The dedup window's spans: what detectedAt passes listed and settled, and when.</summary>
    public ListedSpans Listed { get; } = new();

    /// <summary>The watermark of <paramref name="field"/>.</summary>
    public long? Watermark(SentinelOne.AlertTimeField field) =>
        field == SentinelOne.AlertTimeField.DetectedAt ? DetectedWatermarkMs : UpdatedWatermarkMs;

    /// <summary>Moves the watermark of <paramref name="field"/> forward (never backward).</summary>
    public void Advance(SentinelOne.AlertTimeField field, long toMs)
    {
        if (field == SentinelOne.AlertTimeField.DetectedAt)
        {
            DetectedWatermarkMs = Math.Max(DetectedWatermarkMs ?? long.MinValue, toMs);
        }
        else
        {
            UpdatedWatermarkMs = Math.Max(UpdatedWatermarkMs ?? long.MinValue, toMs);
        }
    }
}
