namespace S1IdentityK8s.Collector.Delivery;

/// <summary>A checkpoint in its compact form (see <see cref="CheckpointSerializer.SerializeCompact"/>).</summary>
/// <param name="Json">Everything but the dedup keys, as JSON (version 2).</param>
/// <param name="Keys">The dedup keys kept, in <see cref="DedupKeyCodec"/> form.</param>
/// <param name="KeptKeys">How many keys <paramref name="Keys"/> holds.</param>
/// <param name="LeftOut">The oldest keys left out to stay within the size budget (usually none).</param>
public sealed record CompactCheckpoint(byte[] Json, byte[] Keys, int KeptKeys, IReadOnlyList<(string Id, long UpdatedAtMs)> LeftOut)
{
    /// <summary>Bytes stored: both parts, as a ConfigMap counts them against its limit.</summary>
    public int SizeBytes => Json.Length + Keys.Length;
}
