using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace S1IdentityK8s.TestSupport.Emulators.Sekoia;

/// <summary>
/// Serves <c>POST {base}/batch</c>: faults, then size limits, gzip, body validation, per-event size, then
/// ingestion. The outcome is recorded (events with whether their answer is a success) before it is written.
/// </summary>
internal sealed class IntakeRequestHandler(SekoiaIntakeEmulator emulator)
{
    public async Task HandleAsync(HttpContext context)
    {
        var outcome = new IntakeOutcome(emulator.Arrive(context.Request.Path.ToString()));
        try
        {
            await ServeAsync(context, outcome).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-request: nothing was ingested, nothing can be answered.
            outcome.Abandon();
            return;
        }
        finally
        {
            emulator.Complete(outcome.Record, outcome.Accepted, outcome.Rejected);
        }
        await outcome.WriteAsync(context).ConfigureAwait(false);
    }

    private async Task ServeAsync(HttpContext context, IntakeOutcome outcome)
    {
        var request = context.Request;
        if (!SekoiaIntakeEmulator.IsBatchPath(request.Path))
        {
            outcome.Error(StatusCodes.Status404NotFound, "Not Found");
            return;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            outcome.Error(StatusCodes.Status405MethodNotAllowed, "Method Not Allowed");
            return;
        }
        var fault = emulator.Faults.Next();
        if (fault is { Kind: FaultKind.GraphQLError })
        {
            // GraphQL errors mean nothing to the intake: answer the plain 500 a broken backend would.
            fault = ScriptedFault.InternalServerError() with { AfterProcessing = fault.AfterProcessing };
        }
        if (fault is { Kind: FaultKind.TruncatedBody })
        {
            // Nothing to cut in an intake answer: the request is ingested and the connection dropped.
            fault = ScriptedFault.ConnectionReset() with { AfterProcessing = true };
        }
        outcome.Record = outcome.Record with { Fault = fault };
        if (fault is not null)
        {
            emulator.Faulted();
        }
        if (fault is { Kind: FaultKind.Stall, AfterProcessing: false })
        {
            await FaultResponder.StallAsync(fault, context.RequestAborted).ConfigureAwait(false);
            fault = null;
        }
        var latency = emulator.Faults.Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);
        }
        if (fault is { AfterProcessing: false })
        {
            outcome.Fail(fault);
            return;
        }
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            outcome.Error(StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json.");
            return;
        }

        var body = new IntakeBody();
        IntakeBatch batch;
        bool? keyOk = null;
        try
        {
            await body.ReadAsync(request, emulator.Options.MaxRequestBytes, context.RequestAborted).ConfigureAwait(false);
            batch = IntakeBatch.Parse(body.Bytes, emulator.IntakeKey, out keyOk, emulator.Options.RecordEvents);
        }
        catch (IntakeRejection e)
        {
            outcome.Record = outcome.Record with
            {
                Gzip = body.Gzip,
                WireBytes = body.WireBytes,
                BodyBytes = body.BodyBytes,
                IntakeKeyOk = keyOk,
            };
            outcome.Error(keyOk == false ? emulator.Options.InvalidKeyStatus : e.Status, e.Message);
            return;
        }
        outcome.Record = outcome.Record with
        {
            Gzip = body.Gzip,
            WireBytes = body.WireBytes,
            BodyBytes = body.BodyBytes,
            IntakeKeyOk = true,
            EventCount = batch.Events.Count,
        };
        if (emulator.Options.RefuseEvent is { } refuse && IndexOf(batch, refuse) is var refused and >= 0)
        {
            outcome.Error(emulator.Options.ContentRefusalStatus, $"jsons[{refused}] was refused.");
            return;
        }
        Ingest(outcome, batch, acknowledged: fault is null);
        if (outcome.Accepted.Count == 0 && outcome.Rejected.Count > 0)
        {
            // Sekoia: 413 for a single oversize event, and for a batch only when every event is refused.
            outcome.Error(StatusCodes.Status413PayloadTooLarge, $"Every event exceeds {emulator.Options.MaxEventBytes} bytes.");
        }
        else if (fault is not null)
        {
            outcome.Fail(fault);
        }
        else
        {
            outcome.Succeed(EventIds(outcome.Accepted));
        }
    }

    private void Ingest(IntakeOutcome outcome, IntakeBatch batch, bool acknowledged)
    {
        for (var i = 0; i < batch.Events.Count; i++)
        {
            var (raw, json, size) = batch.Events[i];
            var oversize = size > emulator.Options.MaxEventBytes;
            var recorded = emulator.NewEvent(outcome.Record, i, raw, json, size, acknowledged && !oversize);
            (oversize ? outcome.Rejected : outcome.Accepted).Add(oversize ? recorded : recorded with { EventId = Guid.NewGuid() });
        }
        outcome.Record = outcome.Record with
        {
            AcceptedCount = outcome.Accepted.Count,
            RejectedOversizeCount = outcome.Rejected.Count,
        };
    }

    private static int IndexOf(IntakeBatch batch, Func<string, bool> refuse)
    {
        for (var i = 0; i < batch.Events.Count; i++)
        {
            if (refuse(batch.Events[i].Raw))
            {
                return i;
            }
        }
        return -1;
    }

    // Only accepted events get an id; the real per-event status format for refused ones is undocumented.
    private static byte[] EventIds(List<IntakeEvent> accepted)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (accepted.Count * 40));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("event_ids");
            foreach (var e in accepted)
            {
                writer.WriteStringValue(e.EventId!.Value);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
