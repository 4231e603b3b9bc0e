using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>Copies of an intake's status made to compare the status shown with the one the reconcile computed.</summary>
public static class ShownStatus
{
    /// <summary>
    /// The status as read, its conditions sorted by type as the reconciler sorts them: the apiserver keeps
    /// list-map entries in first-applied order, so an unchanged status would otherwise never compare equal.
    /// </summary>
    public static IntakeStatus? Of(IntakeStatus? read) =>
        read is null ? null : Copy(read, read, read.Conditions?.OrderBy(c => c.Type, StringComparer.Ordinal).ToList());

    /// <summary><paramref name="desired"/> with the moving figures (checkpoint, lagSeconds) of <paramref name="shown"/>.</summary>
    public static IntakeStatus WithProgressOf(IntakeStatus desired, IntakeStatus shown) => Copy(desired, shown, desired.Conditions);

    private static IntakeStatus Copy(IntakeStatus source, IntakeStatus progress, IList<IntakeCondition>? conditions) => new()
    {
        ObservedGeneration = source.ObservedGeneration,
        Conditions = conditions,
        Checkpoint = progress.Checkpoint,
        LagSeconds = progress.LagSeconds,
        ForwardedTotal = source.ForwardedTotal,
        DeadLetteredTotal = source.DeadLetteredTotal,
        Backfills = source.Backfills,
    };
}
