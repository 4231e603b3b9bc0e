using S1IdentityK8s.Operator.Runtime.Leadership;

namespace S1IdentityK8s.Operator.Runtime.Health;

/// <summary>
/// The state behind <c>/readyz</c> and <c>/healthz</c>, fed by the leader election and the controller.
/// Ready: the apiserver answered a Lease read or write within the last LeaseDuration and, on the leader,
/// the controller's watches have listed once; standbys are ready too, so a rollout with maxUnavailable 0
/// can proceed. Live: the election loop still completes attempts (a failed one counts: an unreachable
/// apiserver is not this process's fault), no reconcile has run longer than
/// <see cref="StuckReconcile"/>, and the leader's work has not faulted.
/// </summary>
/// <param name="election">Its LeaseDuration and RenewDeadline set the windows.</param>
/// <param name="time">The clock; tests may fake it.</param>
public sealed class OperatorHealth(LeaderElectionOptions election, TimeProvider time) : IElectionObserver
{
    private readonly DateTimeOffset _started = time.GetUtcNow();
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastAnswer;
    private DateTimeOffset? _lastAttempt;
    private volatile bool _leading;
    private volatile ControllerHealth? _controller;
    private volatile Exception? _fault;

    /// <summary>A reconcile running longer than this counts as wedged. Defaults to 5 minutes.</summary>
    public TimeSpan StuckReconcile { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Records an election attempt that the apiserver answered (including "no Lease yet").</summary>
    public void ApiAnswered()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            (_lastAnswer, _lastAttempt) = (now, now);
        }
    }

    /// <summary>Records an election attempt that failed (unreachable, refused, timed out).</summary>
    public void AttemptFailed()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _lastAttempt = now;
        }
    }

    /// <summary>Records that this replica now leads.</summary>
    public void StartedLeading() => _leading = true;

    /// <summary>The controller the leader runs, whose sync and reconciles count from now on.</summary>
    public void Track(ControllerHealth controller) => _controller = controller;

    /// <summary>Records that the leader's work failed; the process is about to exit.</summary>
    public void Faulted(Exception error) => _fault = error;

    /// <summary>Whether this replica can serve: null when ready, else why not.</summary>
    public string? NotReadyReason()
    {
        DateTimeOffset? answered;
        lock (_gate)
        {
            answered = _lastAnswer;
        }

        if (answered is null || time.GetUtcNow() - answered > election.LeaseDuration)
        {
            return answered is null
                ? "the apiserver has not answered a Lease request yet"
                : $"the apiserver has not answered a Lease request since {answered:O}";
        }

        return _leading && _controller?.Synced != true ? "leading, but the controller's watches have not listed yet" : null;
    }

    /// <summary>Whether the process's loops are alive: null when live, else why not.</summary>
    public string? NotLiveReason()
    {
        if (_fault is { } fault)
        {
            return $"leadership was lost or the controller failed: {fault.Message}";
        }

        DateTimeOffset lastAttempt;
        lock (_gate)
        {
            lastAttempt = _lastAttempt ?? _started;
        }

        var silent = time.GetUtcNow() - lastAttempt;
        if (silent > election.LeaseDuration + election.RenewDeadline)
        {
            return $"the leader election has completed no attempt for {silent.TotalSeconds:0}s";
        }

        var longest = _controller?.LongestReconcile ?? TimeSpan.Zero;
        return longest > StuckReconcile ? $"a reconcile has run for {longest.TotalSeconds:0}s" : null;
    }
}
