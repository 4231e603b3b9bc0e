using S1IdentityK8s.Collector.Sekoia;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>A planned page whose detail requests are under way, one task per detail batch, in page order.</summary>
public sealed record PendingPage(IReadOnlyList<Task<IReadOnlyList<OutgoingAlert>>> Batches, PageCompleted Completion);
