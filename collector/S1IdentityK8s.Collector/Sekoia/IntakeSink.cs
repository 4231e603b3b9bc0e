using S1IdentityK8s.Collector.Observability;

namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>
/// Delivers one chunk to the intake and returns only when every alert of it is either acknowledged or
/// durably dead-lettered. What each refusal means (external-apis.md, section 2):
/// <list type="bullet">
/// <item>413: the content is too large, documented: the chunk is split to isolate the refused alert, which is
/// dead-lettered without holding up its neighbours (as is an alert over the event limit, before sending).</item>
/// <item>400/422: the intake refused the request without saying why, and its answer to an invalid key is
/// undocumented. The chunk is split likewise, but an alert refused alone is dead-lettered only when the
/// intake acknowledged some other request (since the previous try) before refusing it: then the key and
/// endpoint work, so it is the content. Until then the refused alerts are held and re-sent whole, as below, and split again
/// only once such proof exists or at the slowest retry pace: a bad key answered with 400 must never send
/// good alerts to the dead letters, nor cost 2n−1 requests per retry.</item>
/// <item>401/403 (the key) and any other 4xx (the endpoint): held and re-sent with a doubling delay,
/// forever, reported in health and metrics; dropping alerts is never the answer to a configuration
/// error, and once it is fixed they are delivered in full.</item>
/// </list>
/// Chunks may be delivered concurrently: each call is independent.
/// </summary>
public sealed class IntakeSink(
    IntakeClient client, DeadLetterStore deadLetters, CollectorMetrics metrics, SubsystemHealth health,
    IntakeSinkOptions options, TimeProvider time, ILogger<IntakeSink> logger)
{
    private long _held;

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
        var forwarded = sendable.Count == 0 ? 0 : await DeliverSendableAsync(sendable, cancellationToken).ConfigureAwait(false);
        metrics.AlertsForwarded.WithLabels(pass).Inc(forwarded);
        return new IntakeReceipt(forwarded, chunk.Count - forwarded);
    }

    // Sends, holds what the intake refuses without proof that the refusal is about content, and re-sends it
    // until it is either acknowledged or proven refused.
    private async Task<int> DeliverSendableAsync(List<OutgoingAlert> chunk, CancellationToken cancellationToken)
    {
        var acceptedBefore = client.AcceptedRequests;
        var previousRoundStart = acceptedBefore;
        var holdOff = options.RefusedRetryDelay;
        var forwarded = 0;
        var pending = chunk;
        for (var round = 1; ; round++)
        {
            // Splitting a refused batch costs up to 2n−1 requests: worth it the first time, once the intake has
            // proven it takes our key, and then only at the slowest retry pace (a bad key answered 400 would
            // otherwise cost that much every round).
            var roundStart = client.AcceptedRequests;
            var split = round == 1 || roundStart > acceptedBefore || holdOff >= options.MaxRefusedRetryDelay;
            // An acknowledgement proves the key only for refusals that come after it: one that came before may
            // have met the key that was just fixed. Since the previous round, so that a refused alert sent
            // before its neighbours were acknowledged is proven on its next try.
            var attempt = new Attempt(split, proofSince: previousRoundStart);
            previousRoundStart = roundStart;
            forwarded += await SendAsync(pending, attempt, cancellationToken).ConfigureAwait(false);
            if (attempt.Refusal is null)
            {
                foreach (var (alert, message) in attempt.Proven)
                {
                    health.RecordFailure(SubsystemState.Degraded, message);
                    await DeadLetterAsync(alert, "rejected", message, cancellationToken).ConfigureAwait(false);
                    attempt.Held.Remove(alert);
                }
            }
            if (attempt.Held.Count == 0)
            {
                return forwarded;
            }
            pending = attempt.Held;
            var why = attempt.Refusal
                ?? $"{attempt.LastRejection}, and it has acknowledged nothing since: the intake key may be invalid";
            await HoldAsync(pending.Count, why, holdOff, cancellationToken).ConfigureAwait(false);
            holdOff = TimeSpan.FromTicks(Math.Min(holdOff.Ticks * 2, options.MaxRefusedRetryDelay.Ticks));
        }
    }

    // Sends one chunk, splitting it on content refusals when the attempt allows; returns how many alerts were
    // acknowledged and puts the alerts to send again in the attempt.
    private async Task<int> SendAsync(List<OutgoingAlert> chunk, Attempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.Refusal is not null)
        {
            // Key or endpoint refused: the rest of this attempt would be refused too.
            attempt.Held.AddRange(chunk);
            return 0;
        }
        var (outcome, message) = await client.SendAsync(chunk, cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case IntakeOutcome.Accepted:
                return chunk.Count;
            case IntakeOutcome.TooLarge when chunk.Count > 1:
            case IntakeOutcome.Rejected when chunk.Count > 1 && attempt.Split:
                logger.LogWarning("{Message}; splitting the {Count}-alert batch to isolate the refused alert", message, chunk.Count);
                var half = chunk.Count / 2;
                return await SendAsync(chunk[..half], attempt, cancellationToken).ConfigureAwait(false)
                    + await SendAsync(chunk[half..], attempt, cancellationToken).ConfigureAwait(false);
            case IntakeOutcome.TooLarge:
                await DeadLetterAsync(chunk[0], "rejected", message, cancellationToken).ConfigureAwait(false);
                return 0;
            case IntakeOutcome.Rejected:
                attempt.LastRejection = message;
                if (chunk.Count == 1 && client.AcceptedRequests > attempt.ProofSince)
                {
                    attempt.Proven.Add((chunk[0], message));
                }
                attempt.Held.AddRange(chunk);
                return 0;
            default:
                attempt.Refusal = message;
                attempt.Held.AddRange(chunk);
                return 0;
        }
    }

    private async Task HoldAsync(int count, string why, TimeSpan holdOff, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + holdOff;
        logger.LogError("{Message}; holding {Count} alerts and retrying at {RetryAt:O}", why, count, until);
        health.RecordFailure(SubsystemState.Failing, why);
        health.RecordBackoff(until);
        metrics.RequestRetries.WithLabels("sekoia", "refused").Inc();
        metrics.AlertsHeld.Set(Interlocked.Add(ref _held, count));
        try
        {
            await Task.Delay(holdOff, time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            metrics.AlertsHeld.Set(Interlocked.Add(ref _held, -count));
            health.RecordBackoff(null);
        }
    }

    private async Task DeadLetterAsync(OutgoingAlert alert, string reason, string message, CancellationToken cancellationToken)
    {
        await deadLetters.AddAsync(alert.Id, alert.UpdatedAtMs, reason, message, alert.Json, cancellationToken).ConfigureAwait(false);
        metrics.AlertsDeadLettered.WithLabels(reason).Inc();
        logger.LogWarning("Alert {AlertId} dead-lettered ({Reason}): {Message}", alert.Id, reason, message);
    }

    // One pass over a chunk: what the intake refused and why.
    private sealed class Attempt(bool split, long proofSince)
    {
        // Whether a batch refused with 400/422 may be split to isolate the refused alerts.
        public bool Split { get; } = split;

        // The intake's acknowledgement count an alert refused alone must find exceeded to be proven refused.
        public long ProofSince { get; } = proofSince;

        // The intake's words for the last 400/422.
        public string LastRejection { get; set; } = "";

        // Alerts to send again after the hold.
        public List<OutgoingAlert> Held { get; } = [];

        // Alerts refused alone with 400/422 after the intake acknowledged another request: content refused.
        public List<(OutgoingAlert Alert, string Message)> Proven { get; } = [];

        // Why the key or endpoint was refused, when it was.
        public string? Refusal { get; set; }
    }
}
