namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// A chunk every alert of which the intake acknowledged or the dead-letter store holds, and every chunk
/// before which is settled too: its keys may join the dedup window, and a cursor may move over
/// <paramref name="Settled"/>.
/// </summary>
/// <param name="Keys">The versions <c>(id, updatedAt)</c> of the chunk's alerts.</param>
/// <param name="Forwarded">How many the intake acknowledged.</param>
/// <param name="DeadLettered">How many went to the dead-letter store.</param>
/// <param name="Settled">
/// The page's listed nodes (id and timestamp on the pass's field, in server order) from its first through
/// this chunk's last alert: each of them is settled, in this chunk, an earlier one, or as a duplicate.
/// </param>
public sealed record ChunkSettled(
    IReadOnlyList<(string Id, long UpdatedAtMs)> Keys, int Forwarded, int DeadLettered, IReadOnlyList<(string Id, long TimestampMs)> Settled)
    : DeliveryStep;
