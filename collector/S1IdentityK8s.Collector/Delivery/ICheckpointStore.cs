namespace S1IdentityK8s.Collector.Delivery;

/// <summary>Where the checkpoint lives: a file outside Kubernetes, a ConfigMap inside.</summary>
public interface ICheckpointStore
{
    /// <summary>The last committed checkpoint, or null on a first start.</summary>
    Task<Checkpoint?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Durably replaces the checkpoint; returns only once it would survive a crash.</summary>
    Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken);
}
