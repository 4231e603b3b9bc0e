using S1IdentityK8s.Collector.Storage;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>The checkpoint as <c>{stateDirectory}/checkpoint.json</c>, replaced atomically on every commit.</summary>
public sealed class FileCheckpointStore(string stateDirectory) : ICheckpointStore
{
    /// <summary>The checkpoint file's path.</summary>
    public string Path { get; } = System.IO.Path.Combine(stateDirectory, "checkpoint.json");

    /// <inheritdoc />
    public async Task<Checkpoint?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return null;
        }
        var bytes = await File.ReadAllBytesAsync(Path, cancellationToken).ConfigureAwait(false);
        try
        {
            return CheckpointSerializer.Deserialize(bytes);
        }
        catch (FormatException e)
        {
            // Refuse to start rather than silently re-collect or skip: a person must decide.
            throw new FormatException($"checkpoint file '{Path}' is unreadable: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(Path, CheckpointSerializer.Serialize(checkpoint), cancellationToken);
}
