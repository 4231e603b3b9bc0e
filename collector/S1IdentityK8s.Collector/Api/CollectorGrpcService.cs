using Grpc.Core;
using S1IdentityK8s.Protos.Collector.V1;
using ProtoBackfill = S1IdentityK8s.Protos.Collector.V1.Backfill;

namespace S1IdentityK8s.Collector.Api;

/// <summary>
/// <c>s1identity.collector.v1.CollectorService</c>: thin, each RPC delegating to a plain class. Every call
/// passes <see cref="AdminTokenInterceptor"/> first.
/// </summary>
public sealed class CollectorGrpcService(StatusAssembler status, StatusWatch statusWatch, BackfillApi backfills, DeadLetterPager deadLetters)
    : CollectorService.CollectorServiceBase
{
    /// <inheritdoc />
    public override Task<CollectorStatus> GetStatus(GetStatusRequest request, ServerCallContext context) =>
        Task.FromResult(status.Build());

    /// <inheritdoc />
    public override Task WatchStatus(WatchStatusRequest request, IServerStreamWriter<CollectorStatus> responseStream, ServerCallContext context) =>
        statusWatch.RunAsync(request, responseStream, Token(context));

    /// <inheritdoc />
    public override Task<ProtoBackfill> StartBackfill(StartBackfillRequest request, ServerCallContext context) =>
        backfills.StartAsync(request, Token(context));

    /// <inheritdoc />
    public override Task<ProtoBackfill> GetBackfill(GetBackfillRequest request, ServerCallContext context) =>
        Task.FromResult(backfills.Get(request?.Name ?? ""));

    /// <inheritdoc />
    public override Task<ListBackfillsResponse> ListBackfills(ListBackfillsRequest request, ServerCallContext context) =>
        Task.FromResult(backfills.List(request?.Phases ?? []));

    /// <inheritdoc />
    public override Task<ProtoBackfill> CancelBackfill(CancelBackfillRequest request, ServerCallContext context) =>
        backfills.CancelAsync(request?.Name ?? "", Token(context));

    /// <inheritdoc />
    public override Task WatchBackfill(WatchBackfillRequest request, IServerStreamWriter<ProtoBackfill> responseStream, ServerCallContext context) =>
        backfills.WatchAsync(request?.Name ?? "", responseStream, Token(context));

    /// <inheritdoc />
    public override Task<ListDeadLettersResponse> ListDeadLetters(ListDeadLettersRequest request, ServerCallContext context) =>
        Task.FromResult(deadLetters.List(request));

    private static CancellationToken Token(ServerCallContext context) => context?.CancellationToken ?? CancellationToken.None;
}
