using S1IdentityK8s.Common;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>
/// When the collector's moving figures, <c>lagSeconds</c> and the checkpoint, are worth a status write on
/// their own. Both move on every poll of a healthy collector, so writing them whenever they changed would
/// write every intake's status at every status poll. They are refreshed with any other status change (a
/// condition such as Lagging, a counter, a backfill) and otherwise only when the lag moved by at least
/// the resolution: the intake's pollInterval (the lag swings by that much between two polls anyway),
/// at least 10 s, and at least a tenth of the lag shown.
/// </summary>
public static class ProgressResolution
{
    /// <summary>The smallest resolution: 10 s.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(10);

    /// <summary>The resolution of <paramref name="spec"/>'s lag when <paramref name="shownLagSeconds"/> is shown.</summary>
    public static TimeSpan Of(IntakeSpec spec, long? shownLagSeconds)
    {
        var tenth = TimeSpan.FromSeconds((shownLagSeconds ?? 0) / 10.0);
        return new[] { Durations.Parse(spec.Collection.PollInterval), Minimum, tenth }.Max();
    }

    /// <summary>Whether <paramref name="reportedLagSeconds"/> differs from the shown lag by at least <paramref name="resolution"/>.</summary>
    public static bool LagMoved(long? shownLagSeconds, long reportedLagSeconds, TimeSpan resolution) =>
        shownLagSeconds is not { } shown || Math.Abs(reportedLagSeconds - shown) >= resolution.TotalSeconds;
}
