namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>The alert timestamp a collection pass windows and sorts on.</summary>
public enum AlertTimeField
{
    /// <summary><c>detectedAt</c>: the live pass and backfills.</summary>
    DetectedAt,

    /// <summary><c>updatedAt</c>: the second pass that picks up status, verdict and assignee changes.</summary>
    UpdatedAt,
}
