using System.Security.Authentication;

namespace S1IdentityK8s.Collector.Tls;

/// <summary>
/// Thrown by <see cref="ServerCertificateTrust"/> when it refuses a server's certificate. It becomes the inner
/// exception of the <see cref="HttpRequestException"/>, so the reason, in our own words, reaches health, status
/// and logs (see <see cref="Observability.NetworkErrorText"/>).
/// </summary>
public sealed class ServerCertificateRejectedException : AuthenticationException
{
    /// <summary>A refusal without a reason.</summary>
    public ServerCertificateRejectedException()
    {
    }

    /// <summary>A refusal; <paramref name="message"/> says why, without naming a host or a secret.</summary>
    public ServerCertificateRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>A refusal caused by <paramref name="innerException"/>.</summary>
    public ServerCertificateRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
