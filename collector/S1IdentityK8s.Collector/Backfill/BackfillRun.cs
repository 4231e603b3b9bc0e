namespace S1IdentityK8s.Collector.Backfill;

/// <summary>
/// The runner's hold on the one backfill it is running. A cancel trips <see cref="CancelToken"/>, which
/// interrupts waits (backoff, suspend) but never the in-flight page: that one is finished and committed.
/// </summary>
public sealed class BackfillRun : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    internal BackfillRun(string name) => Name = name;

    /// <summary>The backfill's name.</summary>
    public string Name { get; }

    /// <summary>Tripped when a cancel was requested.</summary>
    public CancellationToken CancelToken => _cancel.Token;

    /// <summary>Whether a cancel was requested.</summary>
    public bool CancelRequested => _cancel.IsCancellationRequested;

    /// <summary>Requests the cancel.</summary>
    internal void RequestCancel() => _cancel.Cancel();

    /// <inheritdoc />
    public void Dispose() => _cancel.Dispose();
}
