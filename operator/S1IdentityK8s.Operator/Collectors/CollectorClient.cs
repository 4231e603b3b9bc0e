using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using S1IdentityK8s.Protos.Collector.V1;

namespace S1IdentityK8s.Operator.Collectors;

/// <summary>
/// Calls a collector's CollectorService over h2c with its admin token: reads its status and forwards the
/// intake's declared backfills. One channel per collector address, reused across reconciles.
/// </summary>
public sealed class CollectorClient : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<Uri, GrpcChannel> _channels = new();

    /// <summary>The collector's status and every backfill it knows.</summary>
    /// <param name="address">The collector's gRPC address, e.g. <c>http://acme-collector.soc.svc:50051</c>.</param>
    /// <param name="adminToken">The bearer token from the intake's admin Secret (never logged).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<(CollectorStatus Status, IReadOnlyList<Backfill> Backfills)> ReadAsync(
        Uri address, string adminToken, CancellationToken cancellationToken)
    {
        var client = Client(address);
        var headers = Auth(adminToken);
        var status = await client.GetStatusAsync(new GetStatusRequest(), headers, DateTime.UtcNow + Deadline, cancellationToken);
        var backfills = await client.ListBackfillsAsync(new ListBackfillsRequest(), headers, DateTime.UtcNow + Deadline, cancellationToken);
        return (status, backfills.Backfills);
    }

    /// <summary>Starts a backfill; the collector treats the name as an idempotency key.</summary>
    public async Task<Backfill> StartBackfillAsync(
        Uri address, string adminToken, StartBackfillRequest request, CancellationToken cancellationToken) =>
        await Client(address).StartBackfillAsync(request, Auth(adminToken), DateTime.UtcNow + Deadline, cancellationToken);

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }

    private static Metadata Auth(string adminToken) => new() { { "authorization", $"Bearer {adminToken}" } };

    private CollectorService.CollectorServiceClient Client(Uri address) =>
        new(_channels.GetOrAdd(address, a => GrpcChannel.ForAddress(a)));
}
