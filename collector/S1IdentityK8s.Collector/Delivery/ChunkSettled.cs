namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// A chunk every alert of which the intake acknowledged or the dead-letter store holds, and every chunk
/// before which is settled too: its keys may join the dedup window.
/// </summary>
/// <param name="Keys">The versions <c>(id, updatedAt)</c> of the chunk's alerts.</param>
/// <param name="Forwarded">How many the intake acknowledged.</param>
/// <param name="DeadLettered">How many went to the dead-letter store.</param>
public sealed record ChunkSettled(IReadOnlyList<(string Id, long UpdatedAtMs)> Keys, int Forwarded, int DeadLettered) : DeliveryStep;
