using System.Globalization;
using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Tests.Pipeline;
using Xunit.Abstractions;

namespace S1IdentityK8s.Collector.Tests.Faults;

/// <summary>
/// UAM serving the same alert on two consecutive pages, against the real collector binary: a server whose
/// cursors resume at the sort key inclusively (their semantics are undocumented) repeats the alert that ended
/// each page, and every alert tied with it. Each alert still reaches the intake exactly once, and the
/// watermark ends past every one of them without ever passing one not acknowledged.
/// </summary>
public sealed class AlertOnTwoPagesTests(ITestOutputHelper output)
{
    private const int PageSize = 10;

    [Fact]
    public async Task SameAlertOnConsecutivePages_DeliveredExactlyOnceWatermarkPastAll()
    {
        await using var h = await PipelineHarness.StartAsync(uamOptions: o => o with { InclusiveCursors = true });
        h.Settings.PageSize = PageSize;
        h.Settings.MaxBatchEvents = PageSize;
        var now = DateTimeOffset.UtcNow;
        var alerts = FaultChecks.Generate(95, now.AddHours(-1), TimeSpan.FromMinutes(50), seed: 81).ToList();
        // Ties on the sort key: runs of three alerts detected at the same instant, wherever the page ends fall.
        for (var i = 0; i + 2 < alerts.Count; i += 7)
        {
            var detectedAt = alerts[i]["detectedAt"]!.GetValue<string>();
            alerts[i + 1]["detectedAt"] = detectedAt;
            alerts[i + 2]["detectedAt"] = detectedAt;
        }
        h.Uam.AddAlerts(alerts);

        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForAsync(() => h.Intake.CountsById(acknowledgedOnly: true).Count == alerts.Count, PipelineHarness.Patience);
        var cycleStarted = DateTimeOffset.UtcNow;
        await collector.WaitForCycleCompleteAsync(cycleStarted);

        var checkpoint = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(h.StateDirectory, "checkpoint.json")))!;
        var watermark = checkpoint["detectedWatermarkMs"]!.GetValue<long>();
        var newest = alerts.Max(DetectedAtMs);
        var repeated = h.Uam.RepeatedEdgeCount;

        // The first pass alone crosses ⌈95 / 10⌉ − 1 page ends, each repeating at least the alert that ended it.
        Assert.True(repeated >= (alerts.Count / PageSize) - 1, $"only {repeated} edges served twice");
        FaultChecks.AssertNothingLost(h, alerts);
        Assert.All(h.Intake.CountsById(), c => Assert.Equal(1, c.Value));
        Assert.Equal(alerts.Count, h.Intake.EventCount);
        Assert.Equal(alerts.Count, (await collector.GetStatusAsync()).AlertsForwardedTotal);
        // A complete cycle moves the watermark to its upper bound: past every alert, not beyond the cycle.
        Assert.InRange(watermark, newest + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.True(watermark >= cycleStarted.AddMilliseconds(-1).ToUnixTimeMilliseconds(), $"watermark {watermark} behind the cycle that started at {cycleStarted:O}");
        output.WriteLine($"{alerts.Count} alerts, {repeated} edges served on two pages, {h.Intake.RequestCount} intake requests: " +
            $"each alert delivered once, watermark {DateTimeOffset.FromUnixTimeMilliseconds(watermark):O}");
    }

    private static long DetectedAtMs(JsonObject alert) =>
        DateTimeOffset.Parse(alert["detectedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
}
