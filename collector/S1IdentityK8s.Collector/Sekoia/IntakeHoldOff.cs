namespace S1IdentityK8s.Collector.Sekoia;

/// <summary>
/// A gate closed until the intake's last <c>Retry-After</c> has elapsed. Chunks are pushed concurrently,
/// so when the intake throttles one push, every push waits, not only the one that was answered.
/// </summary>
public sealed class IntakeHoldOff(TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    /// <summary>When the gate opens again (MinValue when open).</summary>
    public DateTimeOffset NotBefore
    {
        get
        {
            lock (_gate)
            {
                return _notBefore;
            }
        }
    }

    /// <summary>Returns once the gate is open.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (NotBefore - time.GetUtcNow() is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the gate for <paramref name="delay"/> from now (never shortens an existing close).</summary>
    public void HoldOff(TimeSpan delay)
    {
        var until = time.GetUtcNow() + delay;
        lock (_gate)
        {
            if (until > _notBefore)
            {
                _notBefore = until;
            }
        }
    }
}
