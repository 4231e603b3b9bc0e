using System.Globalization;
using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Tests.Pipeline;

namespace S1IdentityK8s.Collector.Tests.Faults;

/// <summary>What every fault-matrix test asserts about the state a collector left behind.</summary>
internal static class FaultChecks
{
    /// <summary>Alert ids, in order.</summary>
    public static List<string> Ids(IEnumerable<JsonObject> alerts) => alerts.Select(a => a["id"]!.GetValue<string>()).ToList();

    /// <summary>
    /// The committed detectedAt watermark is at or before every alert the intake has not acknowledged: a
    /// checkpoint never passes an undelivered alert. The checkpoint is read first, so the intake's
    /// acknowledgements can only be ahead of it.
    /// </summary>
    public static async Task AssertWatermarkBehindUndeliveredAsync(PipelineHarness h, IEnumerable<JsonObject> alerts)
    {
        var path = Path.Combine(h.StateDirectory, "checkpoint.json");
        if (!File.Exists(path))
        {
            return;
        }
        var watermark = JsonNode.Parse(await File.ReadAllTextAsync(path))!["detectedWatermarkMs"]?.GetValue<long>();
        var acknowledged = h.Intake.CountsById(acknowledgedOnly: true);
        var undelivered = alerts.Where(a => !acknowledged.ContainsKey(a["id"]!.GetValue<string>()))
            .Select(DetectedAtMs).DefaultIfEmpty(long.MaxValue).Min();
        Assert.True(watermark is null || watermark <= undelivered,
            $"checkpoint watermark {watermark} passed the undelivered alert detected at {undelivered}");
    }

    /// <summary>Every alert reached the intake (acknowledged or not) and none is missing.</summary>
    public static void AssertNothingLost(PipelineHarness h, IEnumerable<JsonObject> alerts) =>
        Assert.Empty(h.Intake.MissingIds(Ids(alerts)));

    /// <summary>Waits until the collector has logged <paramref name="count"/> failed cycles in all.</summary>
    public static Task WaitForCycleFailuresAsync(RunningCollector collector, int count)
    {
        var seen = 0;
        return collector.Process.WaitForOutputAsync(
            l => l.Contains("Collection cycle failed", StringComparison.Ordinal) && ++seen == count, PipelineHarness.Patience);
    }

    /// <summary>Alerts detected from <paramref name="from"/> on, spread over <paramref name="span"/>.</summary>
    public static IReadOnlyList<JsonObject> Generate(int count, DateTimeOffset from, TimeSpan span, int seed) =>
        TestSupport.Fixtures.AlertFixtures.Generate(count, from, from + span, seed);

    private static long DetectedAtMs(JsonObject alert) =>
        DateTimeOffset.Parse(alert["detectedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
}
