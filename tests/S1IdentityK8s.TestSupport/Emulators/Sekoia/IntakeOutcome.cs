using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace S1IdentityK8s.TestSupport.Emulators.Sekoia;

/// <summary>What one intake request produced: its record, the events ingested or refused, and the answer to write.</summary>
internal sealed class IntakeOutcome(IntakeRequestRecord record)
{
    private ScriptedFault? _fault;
    private byte[]? _json;

    public IntakeRequestRecord Record { get; set; } = record;

    public List<IntakeEvent> Accepted { get; } = [];

    public List<IntakeEvent> Rejected { get; } = [];

    public void Succeed(byte[] json)
    {
        _json = json;
        Record = Record with { StatusCode = StatusCodes.Status200OK };
    }

    public void Error(int status, string message)
    {
        _json = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["message"] = message });
        Record = Record with { StatusCode = status, Error = message };
    }

    public void Fail(ScriptedFault fault)
    {
        _fault = fault;
        Record = Record with { StatusCode = FaultResponder.StatusOf(fault) };
    }

    public void Abandon()
    {
        Accepted.Clear();
        Rejected.Clear();
        Record = Record with { StatusCode = 0, AcceptedCount = 0, RejectedOversizeCount = 0 };
    }

    public async Task WriteAsync(HttpContext context)
    {
        if (_fault is not null)
        {
            await FaultResponder.WriteAsync(context, _fault).ConfigureAwait(false);
            return;
        }
        var body = _json ?? [];
        context.Response.StatusCode = Record.StatusCode;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
