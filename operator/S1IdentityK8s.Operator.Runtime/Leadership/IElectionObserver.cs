namespace S1IdentityK8s.Operator.Runtime.Leadership;

/// <summary>
/// Hears how the leader election goes (the health endpoints do); kept here so that the election does not
/// depend on what listens to it.
/// </summary>
public interface IElectionObserver
{
    /// <summary>An election attempt that the apiserver answered (including "no Lease yet").</summary>
    void ApiAnswered();

    /// <summary>An election attempt that failed (unreachable, refused, timed out).</summary>
    void AttemptFailed();

    /// <summary>This replica now leads.</summary>
    void StartedLeading();
}
