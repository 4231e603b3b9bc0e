using System.Net;
using Microsoft.AspNetCore.Http;

namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>Writes an HTTP-level <see cref="ScriptedFault"/> (a status or a reset) as the response.</summary>
internal static class FaultResponder
{
    /// <summary>The status the client sees for <paramref name="fault"/>; 0 for a reset.</summary>
    public static int StatusOf(ScriptedFault fault) =>
        fault.Kind is FaultKind.ConnectionReset or FaultKind.TruncatedBody or FaultKind.Stall ? 0 : fault.StatusCode;

    /// <summary>Holds the request for a <see cref="FaultKind.Stall"/>; returns at once for any other fault.</summary>
    public static async Task StallAsync(ScriptedFault? fault, CancellationToken cancellationToken)
    {
        if (fault is { Kind: FaultKind.Stall, Delay: var delay } && (delay > TimeSpan.Zero || delay == Timeout.InfiniteTimeSpan))
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes half of <paramref name="body"/> under headers announcing all of it, then drops the connection.</summary>
    public static async Task WriteTruncatedAsync(HttpContext context, string contentType, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted).ConfigureAwait(false);
        await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        context.Abort();
    }

    /// <summary>
    /// Answers with the fault's status, headers and body, or aborts the connection; a stall is held first, then
    /// the connection aborted (unless the client went away before).
    /// </summary>
    public static async Task WriteAsync(HttpContext context, ScriptedFault fault)
    {
        if (fault.Kind == FaultKind.Stall)
        {
            try
            {
                await StallAsync(fault, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }
        if (fault.Kind is FaultKind.ConnectionReset or FaultKind.Stall)
        {
            context.Abort();
            return;
        }
        var response = context.Response;
        response.StatusCode = fault.StatusCode;
        if (fault.RetryAfter is not null)
        {
            response.Headers.RetryAfter = fault.RetryAfter;
        }
        response.ContentType = fault.ContentType;
        if (fault.BodyBytes is { } bytes)
        {
            await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        var body = fault.Body ?? DefaultBody(fault.StatusCode);
        await response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static string DefaultBody(int status)
    {
        var reason = ReasonPhrase(status);
        return $"<html><head><title>{status} {reason}</title></head><body><h1>{status} {reason}</h1></body></html>";
    }

    private static string ReasonPhrase(int status) =>
        Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : "Error";
}
