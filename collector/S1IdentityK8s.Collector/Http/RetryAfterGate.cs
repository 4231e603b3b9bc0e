namespace S1IdentityK8s.Collector.Http;

/// <summary>
/// A gate closed until a server's last <c>Retry-After</c> has elapsed, shared by every caller of that server:
/// when one request is throttled, all of them wait, not only the one that was answered.
/// </summary>
public class RetryAfterGate(TimeProvider time)
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

    /// <summary>Closes the gate for <paramref name="delay"/> from now (never shortens an existing close); returns when it opens.</summary>
    public DateTimeOffset HoldOff(TimeSpan delay)
    {
        var until = time.GetUtcNow() + delay;
        lock (_gate)
        {
            if (until > _notBefore)
            {
                _notBefore = until;
            }

            return _notBefore;
        }
    }
}
