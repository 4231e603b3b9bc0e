namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>
/// Splits alerts into <c>/batch</c> requests whose body stays under <see cref="IntakeLimits.MaxBodyBytes"/>
/// and whose event count stays under <c>maxBatchEvents</c>, keeping order (see <see cref="ChunkBuilder"/>).
/// </summary>
public static class BatchChunker
{
    /// <summary>Bytes of the body around the events: <c>{"intake_key":"...","jsons":[</c> and <c>]}</c>.</summary>
    public static int EnvelopeBytes(int intakeKeyBytes) => intakeKeyBytes + 32;

    /// <summary>Chunks <paramref name="alerts"/>, all at once.</summary>
    public static IReadOnlyList<IReadOnlyList<OutgoingAlert>> Chunk(
        IReadOnlyList<OutgoingAlert> alerts, int maxBatchEvents, int envelopeBytes, int maxBodyBytes = IntakeLimits.MaxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var builder = new ChunkBuilder(maxBatchEvents, envelopeBytes, maxBodyBytes);
        var chunks = new List<IReadOnlyList<OutgoingAlert>>();
        foreach (var alert in alerts)
        {
            if (builder.Add(alert) is { } full)
            {
                chunks.Add(full);
            }
        }
        if (builder.Flush() is { } last)
        {
            chunks.Add(last);
        }
        return chunks;
    }
}
