using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers;

/// <summary>
/// Computes the kstatus conditions (Ready, Reconciling, Stalled) from what the reconcile found, keeping
/// each condition's lastTransitionTime unless its status changed, and any other condition as it was.
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

    /// <summary>The conditions once every child is applied: Ready when the collector is available, else Reconciling.</summary>
    public static List<IntakeCondition> Applied(IList<IntakeCondition>? previous, long generation, bool available, DateTime now) =>
        available
            ? Merge(previous, generation, now,
                (ConditionTypes.Ready, "True", ConditionReasons.Available, "the collector runs with the current spec"),
                (ConditionTypes.Reconciling, "False", ConditionReasons.Reconciled, "every child matches the spec"),
                (ConditionTypes.Stalled, "False", ConditionReasons.Reconciled, "nothing blocks progress"))
            : Merge(previous, generation, now,
                (ConditionTypes.Ready, "False", ConditionReasons.Progressing, "waiting for the collector Deployment to become available"),
                (ConditionTypes.Reconciling, "True", ConditionReasons.Progressing, "waiting for the collector Deployment to become available"),
                (ConditionTypes.Stalled, "False", ConditionReasons.Reconciled, "nothing blocks progress"));

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
}
