using Microsoft.AspNetCore.Http;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>Builds each kind of UAM answer, with the request record completed with what it says.</summary>
internal static class UamResponder
{
    public static (UamRequestRecord, UamReply) Data(UamRequestRecord record, IReadOnlyList<ResolvedField> resolved)
    {
        var returned = resolved.Sum(r => r.AlertCount);
        switch (record.Fault)
        {
            case { Kind: FaultKind.GraphQLError } fault:
                var partial = fault.WithPartialData ? resolved : null;
                var body = UamResponseBodies.Build(partial, fault.GraphQLCode, fault.GraphQLMessage);
                return (record with
                {
                    StatusCode = StatusCodes.Status200OK,
                    ReturnedAlerts = partial is null ? 0 : returned,
                    ErrorCode = fault.GraphQLCode,
                    ErrorMessage = fault.GraphQLMessage,
                }, UamReply.Json(StatusCodes.Status200OK, body));
            case { Kind: FaultKind.TruncatedBody } cut:
                return (record with { StatusCode = FaultResponder.StatusOf(cut), ReturnedAlerts = returned },
                    UamReply.Truncated(UamResponseBodies.Build(resolved, null, null)));
            case { AfterProcessing: true, Kind: not FaultKind.Stall } late:
                return Fault(record, late);
            default:
                return (record with { StatusCode = StatusCodes.Status200OK, ReturnedAlerts = returned },
                    UamReply.Json(StatusCodes.Status200OK, UamResponseBodies.Build(resolved, null, null)));
        }
    }

    public static (UamRequestRecord, UamReply) Error(UamRequestRecord record, int status, string code, string message) =>
        (record with { StatusCode = status, ErrorCode = code, ErrorMessage = message },
            UamReply.Json(status, UamResponseBodies.Build(null, code, message)));

    public static (UamRequestRecord, UamReply) Unauthorized(UamRequestRecord record, UamUnauthorizedShape shape)
    {
        var graphQL = shape == UamUnauthorizedShape.GraphQLEnvelope;
        return (record with
        {
            StatusCode = StatusCodes.Status401Unauthorized,
            ErrorCode = graphQL ? GraphQLErrorCodes.Unauthenticated : "4010010",
            ErrorMessage = graphQL ? "Unauthorized" : "Authentication failed.",
        }, UamReply.Json(StatusCodes.Status401Unauthorized,
            graphQL ? UamResponseBodies.GraphQLUnauthenticated : UamResponseBodies.RestUnauthorized));
    }

    public static (UamRequestRecord, UamReply) Forbidden(UamRequestRecord record) =>
        (record with
        {
            StatusCode = StatusCodes.Status403Forbidden,
            ErrorCode = "4030010",
            ErrorMessage = "You do not have permission to perform this action.",
        }, UamReply.Json(StatusCodes.Status403Forbidden, UamResponseBodies.RestForbidden));

    public static (UamRequestRecord, UamReply) Fault(UamRequestRecord record, ScriptedFault fault) =>
        (record with { StatusCode = FaultResponder.StatusOf(fault) }, UamReply.Fault(fault));

    public static (UamRequestRecord, UamReply) Text(UamRequestRecord record, int status, string text, string? allow = null) =>
        (record with { StatusCode = status }, UamReply.Text(status, text, allow));
}
