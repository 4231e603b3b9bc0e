namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>
/// Splits alerts into <c>/batch</c> requests whose body stays under <see cref="IntakeLimits.MaxBodyBytes"/>
/// and whose event count stays under <c>maxBatchEvents</c>, keeping order.
/// </summary>
public static class BatchChunker
{
    /// <summary>Bytes of the body around the events: <c>{"intake_key":"...","jsons":[</c> and <c>]}</c>.</summary>
    public static int EnvelopeBytes(int intakeKeyBytes) => intakeKeyBytes + 32;

    /// <summary>Chunks <paramref name="alerts"/>; every alert must already be under the event limit.</summary>
    public static IReadOnlyList<IReadOnlyList<OutgoingAlert>> Chunk(
        IReadOnlyList<OutgoingAlert> alerts, int maxBatchEvents, int envelopeBytes, int maxBodyBytes = IntakeLimits.MaxBodyBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatchEvents);
        var chunks = new List<IReadOnlyList<OutgoingAlert>>();
        var current = new List<OutgoingAlert>();
        var size = envelopeBytes;
        foreach (var alert in alerts)
        {
            var added = alert.EncodedString.Length + (current.Count > 0 ? 1 : 0);
            if (current.Count > 0 && (current.Count == maxBatchEvents || size + added > maxBodyBytes))
            {
                chunks.Add(current);
                current = [];
                size = envelopeBytes;
                added = alert.EncodedString.Length;
            }
            current.Add(alert);
            size += added;
        }
        if (current.Count > 0)
        {
            chunks.Add(current);
        }
        return chunks;
    }
}
