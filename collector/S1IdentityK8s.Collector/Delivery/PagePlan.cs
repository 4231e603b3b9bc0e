namespace S1IdentityK8s.Collector.Delivery;

/// <summary>A listed page, deduplicated: the alerts to deliver, and the step to report once they are settled.</summary>
public sealed record PagePlan(IReadOnlyList<PlannedAlert> Alerts, PageCompleted Completion);
