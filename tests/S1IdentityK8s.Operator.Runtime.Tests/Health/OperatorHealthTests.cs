using Microsoft.Extensions.Time.Testing;
using S1IdentityK8s.Operator.Runtime.Health;
using S1IdentityK8s.Operator.Runtime.Leadership;

namespace S1IdentityK8s.Operator.Runtime.Tests.Health;

/// <summary>What /readyz and /healthz answer in each state of the election and the controller.</summary>
public sealed class OperatorHealthTests
{
    private static readonly LeaderElectionOptions Election = new()
    {
        LeaseDuration = TimeSpan.FromSeconds(15),
        RenewDeadline = TimeSpan.FromSeconds(10),
        RetryPeriod = TimeSpan.FromSeconds(2),
    };

    /// <summary>Named cases: the steps applied, then whether ready and live.</summary>
    public static TheoryData<string> Cases => [.. Scenarios.Keys];

    private static Dictionary<string, (Action<OperatorHealth, FakeTimeProvider> Steps, bool Ready, bool Live)> Scenarios => new()
    {
        ["just started, no attempt yet"] = ((_, _) => { }, false, true),
        ["standby that read the Lease"] = ((h, _) => h.ApiAnswered(), true, true),
        ["standby, apiserver unreachable for a Lease duration"] = ((h, c) =>
        {
            h.ApiAnswered();
            Repeat(c, 8, () => h.AttemptFailed());
        }, false, true),
        ["standby, one failed attempt"] = ((h, c) =>
        {
            h.ApiAnswered();
            c.Advance(Election.RetryPeriod);
            h.AttemptFailed();
        }, true, true),
        ["no attempt completes for LeaseDuration + RenewDeadline"] = ((h, c) =>
        {
            h.ApiAnswered();
            c.Advance(TimeSpan.FromSeconds(26));
        }, false, false),
        ["leading, controller not created yet"] = ((h, _) =>
        {
            h.ApiAnswered();
            h.StartedLeading();
        }, false, true),
        ["leading, one watch still listing"] = ((h, c) => Lead(h, c, watches: 2, listed: 1), false, true),
        ["leading, every watch listed"] = ((h, c) => Lead(h, c, watches: 2, listed: 2), true, true),
        ["leading, a reconcile stuck for 6 minutes"] = ((h, c) =>
        {
            Lead(h, c, watches: 1, listed: 1).ReconcileStarted("ns/stuck");
            Repeat(c, 180, () => h.ApiAnswered());
        }, true, false),
        ["leadership lost or controller failed"] = ((h, c) =>
        {
            Lead(h, c, watches: 1, listed: 1);
            h.Faulted(new InvalidOperationException("lost the Lease"));
        }, true, false),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reasons_Scenario_ReadyAndLiveAsExpected(string scenario)
    {
        var clock = new FakeTimeProvider();
        var health = new OperatorHealth(Election, clock);
        var (steps, ready, live) = Scenarios[scenario];

        steps(health, clock);

        Assert.Equal((ready, live), (health.NotReadyReason() is null, health.NotLiveReason() is null));
    }

    private static ControllerHealth Lead(OperatorHealth health, FakeTimeProvider clock, int watches, int listed)
    {
        var controller = new ControllerHealth(clock);
        var done = Enumerable.Range(0, watches).Select(_ => controller.WatchStarted()).ToList();
        done.Take(listed).ToList().ForEach(listedOnce => listedOnce());
        health.ApiAnswered();
        health.StartedLeading();
        health.Track(controller);
        return controller;
    }

    // One election attempt per RetryPeriod, as the elector makes them.
    private static void Repeat(FakeTimeProvider clock, int attempts, Action attempt)
    {
        for (var i = 0; i < attempts; i++)
        {
            clock.Advance(Election.RetryPeriod);
            attempt();
        }
    }
}
