using S1IdentityK8s.Collector.Observability;

namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>
/// Delivers a page's alerts to the intake and returns only when every one of them is either acknowledged
/// or durably dead-lettered. Oversize alerts are dead-lettered before sending, without holding up their
/// neighbours; a refused chunk is split to isolate the refused alert; a refused key or endpoint is retried
/// slowly, forever, because dropping alerts is never the answer to a configuration error.
/// </summary>
public sealed class IntakeSink(
    IntakeClient client, DeadLetterStore deadLetters, CollectorMetrics metrics, SubsystemHealth health,
    IntakeSinkOptions options, TimeProvider time, ILogger<IntakeSink> logger)
{
    /// <summary>
    /// Delivers <paramref name="alerts"/> (labelled <paramref name="pass"/> in metrics); returns how many were
    /// forwarded. <paramref name="settled"/> is awaited after each group of alerts is acknowledged or
    /// dead-lettered, with how many of them were forwarded, so the caller can persist progress per chunk.
    /// </summary>
    public async Task<int> DeliverAsync(
        IReadOnlyList<OutgoingAlert> alerts, string pass, Func<IReadOnlyList<OutgoingAlert>, int, Task> settled, CancellationToken cancellationToken)
    {
        var sendable = new List<OutgoingAlert>(alerts.Count);
        var oversize = new List<OutgoingAlert>();
        foreach (var alert in alerts)
        {
            if (alert.JsonSizeBytes > IntakeLimits.MaxEventBytes)
            {
                await DeadLetterAsync(alert, "oversize",
                    $"alert is {alert.JsonSizeBytes} bytes, over the intake's {IntakeLimits.MaxEventBytes}-byte event limit",
                    cancellationToken).ConfigureAwait(false);
                oversize.Add(alert);
            }
            else
            {
                sendable.Add(alert);
            }
        }
        if (oversize.Count > 0)
        {
            await settled(oversize, 0).ConfigureAwait(false);
        }
        var forwarded = 0;
        foreach (var chunk in BatchChunker.Chunk(sendable, options.MaxBatchEvents, client.EnvelopeBytes()))
        {
            var sent = await SendAsync(chunk, cancellationToken).ConfigureAwait(false);
            forwarded += sent;
            await settled(chunk, sent).ConfigureAwait(false);
        }
        metrics.AlertsForwarded.WithLabels(pass).Inc(forwarded);
        return forwarded;
    }

    private async Task<int> SendAsync(IReadOnlyList<OutgoingAlert> chunk, CancellationToken cancellationToken)
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
