using Grpc.Core;
using S1IdentityK8s.Collector.Backfill;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Protos.Collector.V1;

namespace S1IdentityK8s.Collector.Api;

/// <summary>
/// Serves <c>WatchStatus</c>: the status at once, again after every change (checkpoint commit, dependency
/// health, backfill progress, suspend), and at least every heartbeat so lag and backoff stay fresh.
/// Changes that arrive while a message is being written are folded into the next one.
/// </summary>
public sealed class StatusWatch(
    StatusAssembler assembler, CollectionStatus collection, SubsystemHealth sentinelOne, SubsystemHealth sekoia,
    BackfillRegistry backfills, TimeProvider time)
{
    /// <summary>Heartbeat when the request leaves it at 0.</summary>
    public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(10);

    /// <summary>Shortest heartbeat honoured.</summary>
    public static readonly TimeSpan MinHeartbeat = TimeSpan.FromSeconds(1);

    /// <summary>Longest heartbeat honoured.</summary>
    public static readonly TimeSpan MaxHeartbeat = TimeSpan.FromMinutes(5);

    /// <summary>Writes status messages to <paramref name="writer"/> until the call ends.</summary>
    public async Task RunAsync(WatchStatusRequest request, IServerStreamWriter<CollectorStatus> writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(writer);
        var heartbeat = Heartbeat(request);
        var feed = new ChangeFeed();
        void OnChange() => feed.Notify();
        void OnHealth(SubsystemHealth _) => feed.Notify();
        void OnBackfill(BackfillRecord _) => feed.Notify();
        collection.Changed += OnChange;
        sentinelOne.Changed += OnHealth;
        sekoia.Changed += OnHealth;
        backfills.Changed += OnBackfill;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var next = feed.Next;
                await writer.WriteAsync(assembler.Build(), cancellationToken).ConfigureAwait(false);
                await ChangeFeed.WaitAsync(next, heartbeat, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away or the server is stopping: the stream simply ends.
        }
        finally
        {
            collection.Changed -= OnChange;
            sentinelOne.Changed -= OnHealth;
            sekoia.Changed -= OnHealth;
            backfills.Changed -= OnBackfill;
        }
    }

    /// <summary>The request's heartbeat bounded to [1s, 5m]; unset or 0 means 10s.</summary>
    public static TimeSpan Heartbeat(WatchStatusRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        TimeSpan asked;
        try
        {
            asked = request.HeartbeatInterval?.ToTimeSpan() ?? TimeSpan.Zero;
        }
        catch (InvalidOperationException)
        {
            throw ApiErrors.InvalidArgument("heartbeat_interval: not a valid duration");
        }
        if (asked == TimeSpan.Zero)
        {
            return DefaultHeartbeat;
        }
        return asked < MinHeartbeat ? MinHeartbeat : asked > MaxHeartbeat ? MaxHeartbeat : asked;
    }
}
