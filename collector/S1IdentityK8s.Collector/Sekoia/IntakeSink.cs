using S1IdentityK8s.Collector.Observability;

namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>
/// Delivers one chunk to the intake and returns only when every alert of it is either acknowledged or
/// durably dead-lettered. Oversize alerts are dead-lettered without holding up their neighbours; a refused
/// chunk is split to isolate the refused alert; a refused key or endpoint is retried slowly, forever,
/// because dropping alerts is never the answer to a configuration error. Chunks may be delivered
/// concurrently: each call is independent.
/// </summary>
public sealed class IntakeSink(
    IntakeClient client, DeadLetterStore deadLetters, CollectorMetrics metrics, SubsystemHealth health,
    IntakeSinkOptions options, TimeProvider time, ILogger<IntakeSink> logger)
{
    /// <summary>An empty chunk, sized for this intake's key and <c>maxBatchEvents</c>.</summary>
    public ChunkBuilder NewChunk() => new(options.MaxBatchEvents, client.EnvelopeBytes());

    /// <summary>
    /// Delivers <paramref name="chunk"/> (one request's worth, see <see cref="NewChunk"/>; labelled
    /// <paramref name="pass"/> in metrics) and says what became of it.
    /// </summary>
    public async Task<IntakeReceipt> DeliverAsync(IReadOnlyList<OutgoingAlert> chunk, string pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var sendable = new List<OutgoingAlert>(chunk.Count);
        foreach (var alert in chunk)
        {
            if (alert.Oversize)
            {
                await DeadLetterAsync(alert, "oversize",
                    $"alert is {alert.JsonSizeBytes} bytes, over the intake's {IntakeLimits.MaxEventBytes}-byte event limit",
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                sendable.Add(alert);
            }
        }
        var forwarded = sendable.Count == 0 ? 0 : await SendAsync(sendable, cancellationToken).ConfigureAwait(false);
        metrics.AlertsForwarded.WithLabels(pass).Inc(forwarded);
        return new IntakeReceipt(forwarded, chunk.Count - forwarded);
    }

    private async Task<int> SendAsync(List<OutgoingAlert> chunk, CancellationToken cancellationToken)
    {
        var holdOff = options.RefusedRetryDelay;
        while (true)
        {
            var (outcome, message) = await client.SendAsync(chunk, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case IntakeOutcome.Accepted:
                    return chunk.Count;
                case IntakeOutcome.TooLarge or IntakeOutcome.Rejected when chunk.Count > 1:
                    logger.LogWarning("{Message}; splitting the {Count}-alert batch to isolate the refused alert", message, chunk.Count);
                    var half = chunk.Count / 2;
                    return await SendAsync(chunk.Take(half).ToList(), cancellationToken).ConfigureAwait(false)
                        + await SendAsync(chunk.Skip(half).ToList(), cancellationToken).ConfigureAwait(false);
                case IntakeOutcome.TooLarge or IntakeOutcome.Rejected:
                    await DeadLetterAsync(chunk[0], "rejected", message, cancellationToken).ConfigureAwait(false);
                    return 0;
                default:
                    var until = time.GetUtcNow() + holdOff;
                    logger.LogError("{Message}; holding {Count} alerts and retrying at {RetryAt:O}", message, chunk.Count, until);
                    health.RecordBackoff(until);
                    await Task.Delay(holdOff, time, cancellationToken).ConfigureAwait(false);
                    health.RecordBackoff(null);
                    holdOff = TimeSpan.FromTicks(Math.Min(holdOff.Ticks * 2, options.MaxRefusedRetryDelay.Ticks));
                    break;
            }
        }
    }

    private async Task DeadLetterAsync(OutgoingAlert alert, string reason, string message, CancellationToken cancellationToken)
    {
        await deadLetters.AddAsync(alert.Id, alert.UpdatedAtMs, reason, message, alert.Json, cancellationToken).ConfigureAwait(false);
        metrics.AlertsDeadLettered.WithLabels(reason).Inc();
        logger.LogWarning("Alert {AlertId} dead-lettered ({Reason}): {Message}", alert.Id, reason, message);
    }
}
