namespace S1IdentityK8s.PodRunner.Pods;

/// <summary>
/// The wait before restarting a container: 1 s, doubled each time, capped at 30 s (the kubelet caps at
/// 5 min; this is a dev tool), back to 1 s once a container ran for twice the cap.
/// </summary>
public sealed class RestartBackoff
{
    /// <summary>The longest wait: 30 s.</summary>
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    private TimeSpan _next = TimeSpan.FromSeconds(1);

    /// <summary>The wait before the next restart after a run that lasted <paramref name="ran"/>.</summary>
    public TimeSpan Next(TimeSpan ran)
    {
        if (ran >= 2 * Cap)
        {
            _next = TimeSpan.FromSeconds(1);
        }

        var wait = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, Cap.Ticks));
        return wait;
    }
}
