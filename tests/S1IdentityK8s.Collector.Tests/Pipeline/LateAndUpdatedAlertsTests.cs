using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.Collector.Tests.Pipeline;

public sealed class LateAndUpdatedAlertsTests
{
    [Fact]
    public async Task LateAndUpdatedAlerts_InsideTheOverlap_DeliveredOnceEachVersion()
    {
        await using var h = await PipelineHarness.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var initial = AlertFixtures.Generate(50, now.AddMinutes(-30), now.AddMinutes(-5), seed: 6);
        h.Uam.AddAlerts(initial);
        var collector = await h.StartCollectorAsync();
        await h.Intake.WaitForEventsAsync(50, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        // Behind the watermark but inside the 2m overlap: added after the window that covers it was read.
        var late = AlertFixtures.Generate(1, DateTimeOffset.UtcNow.AddSeconds(-40), DateTimeOffset.UtcNow.AddSeconds(-39), seed: 7)[0];
        h.Uam.AddAlert(late);
        // Indexed late: invisible to queries for a while after its detectedAt has passed the watermark.
        var lateIndexed = AlertFixtures.Generate(1, DateTimeOffset.UtcNow.AddSeconds(-20), DateTimeOffset.UtcNow.AddSeconds(-19), seed: 8)[0];
        h.Uam.AddAlert(lateIndexed, visibleFrom: DateTimeOffset.UtcNow.AddSeconds(3));
        var updatedId = initial[0]["id"]!.GetValue<string>();
        h.Uam.UpdateAlert(updatedId, a => a["status"] = "RESOLVED");
        var lateId = late["id"]!.GetValue<string>();
        var lateIndexedId = lateIndexed["id"]!.GetValue<string>();

        await h.Intake.WaitForAsync(() =>
        {
            var counts = h.Intake.CountsById();
            return counts.GetValueOrDefault(lateId) == 1 && counts.GetValueOrDefault(lateIndexedId) == 1 && counts.GetValueOrDefault(updatedId) == 2;
        }, PipelineHarness.Patience);
        await collector.WaitForCycleCompleteAsync(DateTimeOffset.UtcNow);

        var final = h.Intake.CountsById();
        Assert.Equal(52, final.Count);
        Assert.Equal(2, final[updatedId]);
        Assert.All(final.Where(c => c.Key != updatedId), c => Assert.Equal(1, c.Value));
        var versions = h.Intake.Events.Where(e => e.AlertId == updatedId).Select(e => JsonNode.Parse(e.Raw)!["status"]!.GetValue<string>()).ToList();
        Assert.Equal(["NEW", "RESOLVED"], versions.Select(v => v == "RESOLVED" ? v : "NEW"));
        Assert.True(JsonNode.DeepEquals(h.Expected(updatedId), JsonNode.Parse(h.Intake.Events.Last(e => e.AlertId == updatedId).Raw)));
    }
}
