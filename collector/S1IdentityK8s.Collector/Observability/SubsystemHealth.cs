namespace S1IdentityK8s.Collector.Observability;

/// <summary>
/// Live health of one dependency (<c>sentinelone</c> or <c>sekoia</c>), fed by the clients and read by
/// metrics, status and the gRPC health service. Thread-safe; <see cref="Changed"/> fires on every change
/// of state, credentials validity or backoff.
/// </summary>
public sealed class SubsystemHealth
{
    private readonly TimeProvider _time;
    private readonly ObservableState<Snapshot> _state = new(new Snapshot(SubsystemState.Ok, null, CredentialsValid: null, null, null));

    /// <summary>Creates the health of the dependency called <paramref name="name"/>.</summary>
    public SubsystemHealth(string name, TimeProvider time)
    {
        Name = name;
        _time = time;
        _state.Changed += _ => Changed?.Invoke(this);
    }

    /// <summary>The dependency's name: <c>sentinelone</c> or <c>sekoia</c>.</summary>
    public string Name { get; }

    /// <summary>Raised after any change, outside the lock.</summary>
    public event Action<SubsystemHealth>? Changed;

    /// <summary>The current state.</summary>
    public Snapshot Current => _state.Current;

    /// <summary>A call succeeded: state Ok, credentials proven valid, no backoff.</summary>
    public void RecordSuccess() =>
        Update(s => s with { State = SubsystemState.Ok, CredentialsValid = true, BackoffUntil = null, LastSuccessAt = _time.GetUtcNow() });

    /// <summary>A call failed; <paramref name="credentialsRejected"/> marks credentials invalid.</summary>
    public void RecordFailure(SubsystemState state, string message, bool credentialsRejected = false) =>
        Update(s => s with
        {
            State = state,
            LastError = message,
            CredentialsValid = credentialsRejected ? false : s.CredentialsValid,
        });

    /// <summary>Calls are held back until <paramref name="until"/> (Retry-After or our own backoff).</summary>
    public void RecordBackoff(DateTimeOffset? until) => Update(s => s with { BackoffUntil = until });

    private void Update(Func<Snapshot, Snapshot> change) => _state.Update(change);

    /// <summary>An immutable view of a dependency's health.</summary>
    /// <param name="State">Ok, Degraded or Failing.</param>
    /// <param name="LastError">The last failure, secret-free; kept after recovery for diagnosis.</param>
    /// <param name="CredentialsValid">Null until the first answer; false after a 401/403.</param>
    /// <param name="BackoffUntil">When calls resume, while backing off.</param>
    /// <param name="LastSuccessAt">When a call last succeeded.</param>
    public sealed record Snapshot(
        SubsystemState State, string? LastError, bool? CredentialsValid, DateTimeOffset? BackoffUntil, DateTimeOffset? LastSuccessAt);
}
