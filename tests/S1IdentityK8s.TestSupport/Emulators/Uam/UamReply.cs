using System.Text;
using Microsoft.AspNetCore.Http;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// An answer decided but not yet written: the request is recorded first, so a client that got its response
/// always finds the record.
/// </summary>
internal sealed class UamReply
{
    private readonly int _status;
    private readonly string _contentType;
    private readonly byte[] _body;
    private readonly ScriptedFault? _fault;
    private readonly string? _allow;
    private bool _truncated;

    private UamReply(int status, string contentType, byte[] body, ScriptedFault? fault = null, string? allow = null)
    {
        _status = status;
        _contentType = contentType;
        _body = body;
        _fault = fault;
        _allow = allow;
    }

    public static UamReply Json(int status, byte[] body) => new(status, "application/json; charset=utf-8", body);

    public static UamReply Json(int status, string body) => Json(status, Encoding.UTF8.GetBytes(body));

    public static UamReply Text(int status, string text, string? allow = null) =>
        new(status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text), allow: allow);

    /// <summary>A JSON 200 whose body is cut in half and whose connection is then dropped.</summary>
    public static UamReply Truncated(byte[] body) => new(200, "application/json; charset=utf-8", body) { _truncated = true };

    public static UamReply Fault(ScriptedFault fault) => new(FaultResponder.StatusOf(fault), "", [], fault);

    public async Task WriteAsync(HttpContext context)
    {
        if (_fault is not null)
        {
            await FaultResponder.WriteAsync(context, _fault).ConfigureAwait(false);
            return;
        }
        if (_truncated)
        {
            await FaultResponder.WriteTruncatedAsync(context, _contentType, _body).ConfigureAwait(false);
            return;
        }
        var response = context.Response;
        response.StatusCode = _status;
        if (_allow is not null)
        {
            response.Headers.Allow = _allow;
        }
        response.ContentType = _contentType;
        response.ContentLength = _body.Length;
        await response.Body.WriteAsync(_body, context.RequestAborted).ConfigureAwait(false);
    }
}
