using System.Text.Json.Nodes;
using S1IdentityK8s.Collector.Delivery;
using S1IdentityK8s.Collector.Observability;
using S1IdentityK8s.Collector.SentinelOne;

namespace S1IdentityK8s.Collector.Tests.Delivery;

public class PagePlannerTests
{
    private readonly PagePlanner _planner = new(new CollectorMetrics("tests", "planner"));

    [Fact]
    public void Plan_DeliveredInFlightAndRepeatedVersions_PlansOnlyTheRestAndMarksThemInFlight()
    {
        var page = Page(("delivered", 1, 10), ("in-flight", 2, 20), ("fresh", 3, 30), ("fresh", 3, 30), ("updated", 4, 40));
        var inFlight = new InFlightKeys();
        inFlight.Add([new PlannedAlert("in-flight", 20, new JsonObject(), 0)]);

        var plan = _planner.Plan(page, Request((id, updatedAtMs) => (id, updatedAtMs) == ("delivered", 10)), inFlight);

        Assert.Equal(["fresh", "updated"], plan.Alerts.Select(a => a.Id));
        Assert.Same(page.Nodes[2], plan.Alerts[0].Node);
        Assert.Equal([2, 4], plan.Alerts.Select(a => a.Position));
        Assert.True(inFlight.Contains("fresh", 30));
        Assert.Equal(3, inFlight.Count);
        Assert.Equal([("delivered", 1L), ("in-flight", 2L), ("fresh", 3L), ("fresh", 3L), ("updated", 4L)], plan.Completion.Stamps);
        Assert.Equal(4, plan.Completion.MaxTimestampMs);
        Assert.True(plan.Completion.HasNextPage);
    }

    [Fact]
    public void Plan_DryRun_PlansNothingButStampsEveryNode()
    {
        var page = Page(("a", 1, 10), ("b", 2, 20));
        var inFlight = new InFlightKeys();

        var plan = _planner.Plan(page, Request((_, _) => false) with { DryRun = true }, inFlight);

        Assert.Empty(plan.Alerts);
        Assert.Equal(0, inFlight.Count);
        Assert.Equal(2, plan.Completion.Listed);
    }

    private static AlertPage Page(params (string Id, long DetectedAtMs, long UpdatedAtMs)[] nodes) => new(
        nodes.Select(n => new JsonObject { ["id"] = n.Id, ["detectedAt"] = n.DetectedAtMs, ["updatedAt"] = n.UpdatedAtMs }).ToList(),
        "cursor", HasNextPage: true);

    private static DeliveryRequest Request(Func<string, long, bool> delivered) =>
        new(AlertTimeField.DetectedAt, 0, 100, "detected", (id, updatedAtMs, _) => delivered(id, updatedAtMs), () => false);
}
