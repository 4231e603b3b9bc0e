namespace S1IdentityK8s.Collector.Tests.Delivery;

/// <summary>
/// The overlapped pipeline as the network sees it (requests timed innermost, right before the socket): what
/// runs at once, and that the request budget and a UAM Retry-After still hold every concurrent request.
/// </summary>
public sealed class OverlapTests
{
    [Fact]
    public async Task RunCycle_DetailConcurrency3_ThreeDetailRequestsAtMostWhileTheNextPageIsListedAndChunksPushed()
    {
        await using var d = await InProcessDelivery.StartAsync(
            "pageSize: 20, detailBatchSize: 2, detailConcurrency: 3, requestsPerSecond: 100", "maxBatchEvents: 6", alerts: 120);
        d.Uam.Faults.Latency = TimeSpan.FromMilliseconds(40);
        d.Intake.Faults.Latency = TimeSpan.FromMilliseconds(40);

        Assert.True(await d.RunCycleAsync());

        var trips = d.Log.Trips;
        Assert.Equal(3, d.Log.MaxInFlight(RoundTripKind.Detail));
        var details = trips.Where(t => t.Kind == RoundTripKind.Detail).ToList();
        Assert.Equal(60, details.Count);
        // Page 2 onwards listed while an earlier page's details were in flight, and chunks pushed meanwhile.
        Assert.Contains(trips, t => t.Kind == RoundTripKind.List && t.Number > 1 && details.Any(x => x.Number < t.Number && x.InFlightAt(t.SentAt)));
        Assert.Contains(trips, t => t.Kind == RoundTripKind.Push && details.Any(x => x.Number < t.Number && x.InFlightAt(t.SentAt)));
        Assert.Equal(120, d.Intake.CountsById(acknowledgedOnly: true).Count);
        Assert.Equal(0, d.Intake.DuplicateCount(acknowledgedOnly: false));
    }

    [Fact]
    public async Task RunCycle_OverlappedUnderA20PerSecondBudget_NoStretchOfTimeHoldsMoreRequestsThanTheBudgetAllows()
    {
        const int perSecond = 20;
        await using var d = await InProcessDelivery.StartAsync(
            $"pageSize: 25, detailBatchSize: 1, detailConcurrency: 4, requestsPerSecond: {perSecond}", "maxBatchEvents: 10", alerts: 60);
        d.Uam.Faults.Latency = TimeSpan.FromMilliseconds(20);

        Assert.True(await d.RunCycleAsync());

        var sent = d.Log.Trips.Where(t => t.Kind != RoundTripKind.Push).Select(t => t.SentAt).Order().ToList();
        Assert.Equal(63, sent.Count);
        Assert.True(d.Log.MaxInFlight(RoundTripKind.Detail) > 1, "detail requests never overlapped: the budget was not tested under overlap");
        // A bucket of one second's worth, refilled at the rate: any stretch holds at most that many plus the refill.
        for (var i = 0; i < sent.Count; i++)
        {
            for (var j = i + 1; j < sent.Count; j++)
            {
                var allowed = perSecond + (perSecond * (sent[j] - sent[i]).TotalSeconds) + 2;
                Assert.True(j - i + 1 <= allowed,
                    $"{j - i + 1} requests in {(sent[j] - sent[i]).TotalSeconds:0.###}s (requests {i + 1}..{j + 1}); the budget allows {allowed:0.#}");
            }
        }
    }

    [Fact]
    public async Task RunCycle_Uam429WithRetryAfterWhileDetailRequestsAreConcurrent_NothingSentUntilItElapses()
    {
        const int concurrency = 4;
        var log = new RoundTripLog { ThrottleDetail = 5, RetryAfter = TimeSpan.FromSeconds(2) };
        await using var d = await InProcessDelivery.StartAsync(
            $"pageSize: 20, detailBatchSize: 2, detailConcurrency: {concurrency}, requestsPerSecond: 100", "maxBatchEvents: 10", alerts: 60, log);
        d.Uam.Faults.Latency = TimeSpan.FromMilliseconds(30);

        Assert.True(await d.RunCycleAsync());

        var trips = d.Log.Trips;
        var throttled = Assert.Single(trips, t => t.StatusCode == 429);
        var closedAt = throttled.AnsweredAt!.Value;
        Assert.Contains(trips, t => t.Kind == RoundTripKind.Detail && t != throttled && t.InFlightAt(closedAt));
        // Only requests that already held a token when the 429 came back may still leave: one per other slot, or a list page.
        var early = trips.Where(t => t.Kind != RoundTripKind.Push && t.SentAt > closedAt && t.SentAt - closedAt < TimeSpan.FromSeconds(1.95)).ToList();
        Assert.True(early.Count <= concurrency,
            $"{early.Count} UAM requests sent within Retry-After: 2: " + string.Join(", ", early.Select(t => $"+{(t.SentAt - closedAt).TotalSeconds:0.###}s")));
        Assert.Contains(trips, t => t.Kind == RoundTripKind.Detail && t.SentAt - closedAt >= TimeSpan.FromSeconds(1.95));
        Assert.Equal(60, d.Intake.CountsById(acknowledgedOnly: true).Count);
    }
}
