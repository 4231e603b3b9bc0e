using Microsoft.AspNetCore.Http;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// Serves <c>POST /web/api/v2.1/unifiedalerts/graphql</c>: injected faults first, then the document is read
/// and compiled (so the record says what was asked), then auth, then execution.
/// </summary>
internal sealed class UamRequestHandler(UamEmulator emulator)
{
    public async Task HandleAsync(HttpContext context)
    {
        var record = emulator.Arrive(Authorized(context.Request));
        UamReply reply;
        try
        {
            (record, reply) = await ServeAsync(context, record).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (timeout or shutdown): recorded with status 0, nothing to answer.
            emulator.Complete(record);
            return;
        }
        emulator.Complete(record);
        await reply.WriteAsync(context).ConfigureAwait(false);
    }

    private async Task<(UamRequestRecord, UamReply)> ServeAsync(HttpContext context, UamRequestRecord record)
    {
        var request = context.Request;
        if (request.Path != UamEmulator.GraphQLPath)
        {
            return UamResponder.Text(record, StatusCodes.Status404NotFound, "Not Found");
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            return UamResponder.Text(record, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed", allow: "POST");
        }
        record = record with { Fault = emulator.Faults.Next() };
        var latency = emulator.Faults.Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);
        }
        try
        {
            await FaultResponder.StallAsync(record.Fault, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up while stalled (its timeout): recorded with its fault, nothing to answer.
            var (aborted, reply) = UamResponder.Fault(record, ScriptedFault.ConnectionReset());
            return (aborted with { Fault = record.Fault }, reply);
        }
        if (record.Fault is { Kind: not (FaultKind.GraphQLError or FaultKind.TruncatedBody or FaultKind.Stall), AfterProcessing: false } early)
        {
            return UamResponder.Fault(record, early);
        }
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return UamResponder.Error(record, StatusCodes.Status415UnsupportedMediaType, GraphQLErrorCodes.BadRequest,
                "Content-Type must be application/json.");
        }

        GraphQLBody body;
        try
        {
            body = await GraphQLBody.ReadAsync(request.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (GraphQLRequestException e)
        {
            return UamResponder.Error(record, StatusCodes.Status400BadRequest, e.Code, e.Message);
        }
        record = record with { Query = body.Query };

        IReadOnlyList<RootField>? fields = null;
        GraphQLRequestException? invalid = null;
        try
        {
            fields = DocumentCompiler.Compile(body);
            record = Describe(record, fields);
        }
        catch (GraphQLRequestException e)
        {
            invalid = e;
        }

        if (!record.AuthorizationOk)
        {
            return UamResponder.Unauthorized(record, emulator.UnauthorizedShape);
        }
        if (emulator.DenyPermission)
        {
            return UamResponder.Forbidden(record);
        }
        if (invalid is not null)
        {
            return UamResponder.Error(record, StatusCodes.Status200OK, invalid.Code, invalid.Message);
        }
        if (emulator.MaxDetailLookupsPerDocument is { } max && record.DetailLookups > max)
        {
            return UamResponder.Error(record, StatusCodes.Status200OK, GraphQLErrorCodes.ValidationFailed,
                $"Query has {record.DetailLookups} alert lookups; at most {max} are allowed per document.");
        }
        try
        {
            var resolved = ResolvedField.ResolveAll(fields!, emulator.Store, emulator.NowMs(), emulator.Options);
            return UamResponder.Data(record, resolved);
        }
        catch (GraphQLRequestException e)
        {
            return UamResponder.Error(record, StatusCodes.Status200OK, e.Code, e.Message);
        }
    }

    private static UamRequestRecord Describe(UamRequestRecord record, IReadOnlyList<RootField> fields)
    {
        var lists = fields.Where(f => f.List is not null).Select(f => f.List!).ToList();
        var ids = fields.Where(f => f.DetailId is not null).Select(f => f.DetailId!).ToList();
        var kind = (lists.Count > 0, ids.Count > 0) switch
        {
            (true, true) => UamRequestKind.Mixed,
            (true, false) => UamRequestKind.List,
            (false, true) => UamRequestKind.Detail,
            _ => UamRequestKind.Invalid,
        };
        return record with { Kind = kind, ListCalls = lists, DetailIds = ids };
    }

    private bool Authorized(HttpRequest request)
    {
        var token = emulator.Token;
        var header = request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (token is null || space <= 0)
        {
            return false;
        }
        var scheme = header[..space];
        // Bearer is what SentinelOne's own tools send; Microsoft Sentinel sends ApiToken to the same endpoint.
        return (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
                || scheme.Equals("ApiToken", StringComparison.OrdinalIgnoreCase))
            && header[(space + 1)..].Trim() == token;
    }
}
