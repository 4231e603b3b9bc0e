namespace S1IdentityK8s.PodRunner.Containers;

/// <summary>
/// A container cannot be configured (a missing Secret key in its env, no command for the host image):
/// it waits with <c>CreateContainerConfigError</c>, as with the kubelet.
/// </summary>
public sealed class ContainerConfigException : Exception
{
    public ContainerConfigException()
    {
    }

    public ContainerConfigException(string message)
        : base(message)
    {
    }

    public ContainerConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
