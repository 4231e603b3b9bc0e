namespace S1IdentityK8s.Collector.Delivery;

/// <summary>What delivering one page did.</summary>
/// <param name="Delivered">Keys of the versions now acknowledged or dead-lettered, to mark delivered.</param>
/// <param name="Forwarded">How many the intake acknowledged.</param>
/// <param name="DeadLettered">How many went to the dead-letter store.</param>
public sealed record PageResult(IReadOnlyList<(string Id, long UpdatedAtMs)> Delivered, int Forwarded, int DeadLettered);
