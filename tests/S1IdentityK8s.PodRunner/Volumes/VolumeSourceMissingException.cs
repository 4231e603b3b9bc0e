namespace S1IdentityK8s.PodRunner.Volumes;

/// <summary>A non-optional ConfigMap, Secret or key that a pod needs does not exist (yet).</summary>
public sealed class VolumeSourceMissingException : Exception
{
    public VolumeSourceMissingException()
    {
    }

    public VolumeSourceMissingException(string message)
        : base(message)
    {
    }

    public VolumeSourceMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
