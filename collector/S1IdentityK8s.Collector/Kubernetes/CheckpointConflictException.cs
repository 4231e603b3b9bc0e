namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// Someone else wrote the checkpoint since we read it: we are no longer the single writer. The collector
/// exits so that it restarts from what is stored instead of overwriting it.
/// </summary>
public sealed class CheckpointConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointConflictException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public CheckpointConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public CheckpointConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
