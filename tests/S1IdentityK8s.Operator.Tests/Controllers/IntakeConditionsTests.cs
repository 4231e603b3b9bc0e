using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Runtime.Events;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>The kstatus conditions of a collector pod that cannot run, and the Events their changes make.</summary>
public sealed class IntakeConditionsTests
{
    private static readonly DateTime Start = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);
    private static readonly CollectorPodProblem Crash = new(ConditionReasons.CrashLooping, "the collector exits with code 2: config error: sekoia.region: expected one of FRA1");
    private static readonly CollectorPodProblem Pull = new(ConditionReasons.ImagePullFailed, "cannot pull image \"ghcr.io/s1identityk8s/collector:9.9.9\": not found");

    [Fact]
    public void Applied_PodProblem_ReadyFalseStalledTrueReconcilingFalse()
    {
        var conditions = IntakeConditions.Applied(Progressing(), 3, available: false, Crash, Start.AddMinutes(1));

        Assert.Equal(
            [
                (ConditionTypes.Ready, "False", Crash.Reason, Crash.Message),
                (ConditionTypes.Reconciling, "False", Crash.Reason, "waiting for the collector pod's problem to be fixed"),
                (ConditionTypes.Stalled, "True", Crash.Reason, Crash.Message),
            ],
            conditions.Select(c => (c.Type, c.Status, c.Reason, c.Message)));
        Assert.All(conditions, c => Assert.Equal(3, c.ObservedGeneration));
        // Ready stayed False: its transition time stays; Reconciling and Stalled changed status now.
        Assert.Equal([Start, Start.AddMinutes(1), Start.AddMinutes(1)], conditions.Select(c => c.LastTransitionTime));
    }

    [Fact]
    public void Applied_AvailableDespiteProblem_IsReady()
    {
        var conditions = IntakeConditions.Applied(Progressing(), 1, available: true, Crash, Start);

        Assert.Equal(("True", ConditionReasons.Available), conditions.Where(c => c.Type == ConditionTypes.Ready).Select(c => (c.Status, c.Reason)).Single());
    }

    [Fact]
    public void Events_FirstStatusWithPodProblem_OneWarning()
    {
        var events = IntakeConditions.Events(null, IntakeConditions.Applied(null, 1, available: false, Crash, Start));

        Assert.Equal([(EventRecorder.Warning, Crash.Reason, Crash.Message)], events);
    }

    [Fact]
    public void Events_ProgressingToCrashLooping_OneWarningNamingTheReason()
    {
        var events = IntakeConditions.Events(Progressing(), IntakeConditions.Applied(Progressing(), 1, available: false, Crash, Start));

        Assert.Equal([(EventRecorder.Warning, Crash.Reason, Crash.Message)], events);
    }

    [Fact]
    public void Events_SameProblemAgain_None()
    {
        var stalled = IntakeConditions.Applied(Progressing(), 1, available: false, Crash, Start);

        Assert.Empty(IntakeConditions.Events(stalled, IntakeConditions.Applied(stalled, 1, available: false, Crash, Start.AddMinutes(5))));
    }

    [Fact]
    public void Events_AnotherProblem_OneWarning()
    {
        var stalled = IntakeConditions.Applied(Progressing(), 1, available: false, Crash, Start);

        var events = IntakeConditions.Events(stalled, IntakeConditions.Applied(stalled, 2, available: false, Pull, Start.AddMinutes(5)));

        Assert.Equal([(EventRecorder.Warning, Pull.Reason, Pull.Message)], events);
    }

    [Fact]
    public void Events_PodRecovered_OneNormalAvailable()
    {
        var stalled = IntakeConditions.Applied(Progressing(), 1, available: false, Crash, Start);

        var events = IntakeConditions.Events(stalled, IntakeConditions.Applied(stalled, 1, available: true, null, Start.AddMinutes(5)));

        Assert.Equal([(EventRecorder.Normal, ConditionReasons.Available, "the collector runs with the current spec")], events);
    }

    private static List<IntakeCondition> Progressing() => IntakeConditions.Applied(null, 1, available: false, null, Start);
}
