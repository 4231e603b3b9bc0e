namespace S1IdentityK8s.PodRunner.Containers;

/// <summary>An image the runner cannot map to a host command: the container waits with <c>ErrImagePull</c>.</summary>
public sealed class ImageNotFoundException : Exception
{
    public ImageNotFoundException()
    {
    }

    public ImageNotFoundException(string message)
        : base(message)
    {
    }

    public ImageNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
