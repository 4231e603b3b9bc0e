using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Runtime.Events;

namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>
/// Computes the kstatus conditions (Ready, Reconciling, Stalled) from what the reconcile found, keeping
/// each condition's lastTransitionTime unless its status changed, and any other condition as it was; and
/// the Events a change of them makes.
/// </summary>
public static class IntakeConditions
{
    /// <summary>The conditions for a stalled intake: Ready=False and Stalled=True naming the problems.</summary>
    public static List<IntakeCondition> Stalled(IList<IntakeCondition>? previous, long generation, IReadOnlyList<SpecProblem> problems, DateTime now)
    {
        var message = string.Join("; ", problems);
        return Merge(previous, generation, now,
            (ConditionTypes.Ready, "False", problems[0].Reason, message),
            (ConditionTypes.Reconciling, "False", problems[0].Reason, "waiting for the spec or its Secrets to be fixed"),
            (ConditionTypes.Stalled, "True", problems[0].Reason, message));
    }

    /// <summary>
    /// The conditions once every child is applied: Ready when the collector is available; else Stalled when
    /// its pod cannot run (<paramref name="problem"/>), else Reconciling.
    /// </summary>
    public static List<IntakeCondition> Applied(
        IList<IntakeCondition>? previous, long generation, bool available, CollectorPodProblem? problem, DateTime now) =>
        (available, problem) switch
        {
            (true, _) => Merge(previous, generation, now,
                (ConditionTypes.Ready, "True", ConditionReasons.Available, "the collector runs with the current spec"),
                (ConditionTypes.Reconciling, "False", ConditionReasons.Reconciled, "every child matches the spec"),
                (ConditionTypes.Stalled, "False", ConditionReasons.Reconciled, "nothing blocks progress")),
            // kstatus reads Reconciling=True as InProgress whatever Stalled says: False lets readers see Failed.
            (false, { } p) => Merge(previous, generation, now,
                (ConditionTypes.Ready, "False", p.Reason, p.Message),
                (ConditionTypes.Reconciling, "False", p.Reason, "waiting for the collector pod's problem to be fixed"),
                (ConditionTypes.Stalled, "True", p.Reason, p.Message)),
            _ => Merge(previous, generation, now,
                (ConditionTypes.Ready, "False", ConditionReasons.Progressing, "waiting for the collector Deployment to become available"),
                (ConditionTypes.Reconciling, "True", ConditionReasons.Progressing, "waiting for the collector Deployment to become available"),
                (ConditionTypes.Stalled, "False", ConditionReasons.Reconciled, "nothing blocks progress")),
        };

    /// <summary>
    /// <paramref name="previous"/> with <paramref name="updates"/> set, each keeping its lastTransitionTime
    /// when its status is unchanged; the result is sorted by type.
    /// </summary>
    public static List<IntakeCondition> Merge(
        IList<IntakeCondition>? previous, long generation, DateTime now, params (string Type, string Status, string Reason, string Message)[] updates)
    {
        // The apiserver stores whole seconds: a finer time would never compare equal and rewrite forever.
        var second = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var result = (previous ?? []).Where(c => updates.All(u => u.Type != c.Type)).ToList();
        foreach (var (type, status, reason, message) in updates)
        {
            var old = previous?.FirstOrDefault(c => c.Type == type);
            result.Add(new IntakeCondition
            {
                Type = type,
                Status = status,
                Reason = reason,
                Message = message,
                ObservedGeneration = generation,
                LastTransitionTime = old is not null && old.Status == status ? old.LastTransitionTime : second,
            });
        }

        return [.. result.OrderBy(c => c.Type, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The events of a status change: one per change of Ready's status, and one when Stalled turns True or
    /// names another reason; never per reconcile, and never twice the same (a new stall changes both).
    /// </summary>
    public static IEnumerable<(string Type, string Reason, string Message)> Events(IList<IntakeCondition>? before, IEnumerable<IntakeCondition> after)
    {
        var events = new List<(string Type, string Reason, string Message)>();
        foreach (var condition in after.Where(c => c.Type is ConditionTypes.Ready or ConditionTypes.Stalled))
        {
            var old = before?.FirstOrDefault(c => c.Type == condition.Type);
            var changed = condition.Type == ConditionTypes.Ready
                ? old?.Status != condition.Status
                : condition.Status == "True" && (old?.Status != "True" || old.Reason != condition.Reason);
            if (changed)
            {
                var trouble = condition.Type == ConditionTypes.Stalled || (condition.Status == "False" && condition.Reason != ConditionReasons.Progressing);
                events.Add((trouble ? EventRecorder.Warning : EventRecorder.Normal, condition.Reason ?? condition.Type, condition.Message ?? ""));
            }
        }

        return events.Distinct();
    }
}
