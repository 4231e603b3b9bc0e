namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// Opens once this collector may write the checkpoint: at once standalone (the state directory lock already
/// guarantees one writer), after winning the intake's Lease in a cluster. Collection and backfills wait on it.
/// </summary>
public sealed class WriterGate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates a gate, open already when <paramref name="open"/>.</summary>
    public WriterGate(bool open)
    {
        if (open)
        {
            Open();
        }
    }

    /// <summary>Whether writing is allowed.</summary>
    public bool IsOpen => _open.Task.IsCompleted;

    /// <summary>Allows writing.</summary>
    public void Open() => _open.TrySetResult();

    /// <summary>Waits until writing is allowed.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _open.Task.WaitAsync(cancellationToken);
}
