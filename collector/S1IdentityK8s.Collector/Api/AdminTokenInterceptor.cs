using Grpc.Core;
using Grpc.Core.Interceptors;
using S1IdentityK8s.Collector.Configuration;

namespace S1IdentityK8s.Collector.Api;

/// <summary>
/// Guards CollectorService (and only it: health and reflection stay open for probes and grpcurl): every
/// call must carry <c>authorization: Bearer &lt;admin token&gt;</c>. The token is read from
/// <see cref="CollectorSecrets"/> on every call, so a rotated token file applies at once. Without a
/// configured token every call fails with FAILED_PRECONDITION; a missing or wrong token is
/// UNAUTHENTICATED. No message or log line ever contains a presented or configured token.
/// </summary>
public sealed class AdminTokenInterceptor(CollectorSecrets secrets, ILogger<AdminTokenInterceptor> logger) : Interceptor
{
    /// <summary>The FAILED_PRECONDITION message when no admin token is configured.</summary>
    public const string NoTokenMessage = "no admin token configured: set adminTokenFile or S1_COLLECTOR_ADMIN_TOKEN";

    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Authorize(context);
        return continuation(request, context);
    }

    /// <inheritdoc />
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    /// <inheritdoc />
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Authorize(context);
        return continuation(requestStream, context);
    }

    /// <inheritdoc />
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Authorize(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authorize(ServerCallContext context)
    {
        var configured = secrets.AdminToken;
        if (configured is null || configured.IsEmpty)
        {
            Reject(context, "no admin token is configured");
            throw ApiErrors.FailedPrecondition(NoTokenMessage);
        }
        var header = context.RequestHeaders.GetValue(AdminTokenCheck.Header);
        if (header is null)
        {
            Reject(context, "no authorization metadata");
            throw ApiErrors.Unauthenticated("missing authorization metadata: send 'authorization: Bearer <admin token>'");
        }
        if (AdminTokenCheck.BearerToken(header) is not { } presented)
        {
            Reject(context, "authorization metadata without the Bearer scheme");
            throw ApiErrors.Unauthenticated("authorization metadata must use the Bearer scheme: 'authorization: Bearer <admin token>'");
        }
        if (!AdminTokenCheck.Matches(presented, configured.Reveal()))
        {
            Reject(context, "wrong admin token");
            throw ApiErrors.Unauthenticated("invalid admin token");
        }
    }

    private void Reject(ServerCallContext context, string why) =>
        logger.LogWarning("Refused {Method} from {Peer}: {Reason}", context.Method, context.Peer, why);
}
