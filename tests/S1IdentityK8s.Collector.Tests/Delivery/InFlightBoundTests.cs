using S1IdentityK8s.Collector.Delivery;

namespace S1IdentityK8s.Collector.Tests.Delivery;

/// <summary>
/// What a crash at any instant would re-send: every alert already pushed (maybe received by the intake)
/// whose key the last written checkpoint does not hold. Tracked at every push and every checkpoint write,
/// in one order, over a whole overlapped drain.
/// </summary>
public sealed class InFlightBoundTests
{
    private const int ChunkSize = 5;

    [Fact]
    public async Task RunCycle_PushesOverlapping_AtAnyInstantAtMostChunksInFlightChunksPushedButNotCommitted()
    {
        var exposure = new Exposure();
        InProcessDelivery? started = null;
        await using var d = await InProcessDelivery.StartAsync(
            "pageSize: 20, detailBatchSize: 5, detailConcurrency: 4, requestsPerSecond: 100", $"maxBatchEvents: {ChunkSize}", alerts: 80,
            new RoundTripLog { Sending = exposure.Pushed },
            new RecordingCheckpointStore { Saved = s => exposure.Committed(RecordingCheckpointStore.DeliveredIds(s, started!.Alerts, InProcessDelivery.Lag)) });
        started = d;
        d.Intake.Faults.Latency = TimeSpan.FromMilliseconds(30);

        Assert.True(await d.RunCycleAsync());

        Assert.Equal(80, d.Intake.CountsById(acknowledgedOnly: true).Count);
        // More than one chunk exposed at once shows the pushes did overlap; never more than the bound.
        Assert.InRange(exposure.Max, ChunkSize + 1, DeliveryPipeline.ChunksInFlight * ChunkSize);
    }

    private sealed class Exposure
    {
        private readonly Lock _gate = new();
        private readonly HashSet<string> _pushed = new(StringComparer.Ordinal);
        private readonly HashSet<string> _committed = new(StringComparer.Ordinal);

        public int Max { get; private set; }

        public void Pushed(IReadOnlyList<string> ids)
        {
            lock (_gate)
            {
                _pushed.UnionWith(ids);
                Max = Math.Max(Max, _pushed.Count(id => !_committed.Contains(id)));
            }
        }

        // Delivered (a key, or implied by a listed span) only stops being so once behind every window: such
        // alerts are never read again.
        public void Committed(HashSet<string> ids)
        {
            lock (_gate)
            {
                _committed.UnionWith(ids);
            }
        }
    }
}
