using S1IdentityK8s.Collector.Tls;

namespace S1IdentityK8s.Collector.Observability;

/// <summary>
/// How a failed HTTP attempt is named in errors, health and logs: in our own words, never the inner
/// exception's text (which may name a host or echo a request).
/// </summary>
public static class NetworkErrorText
{
    /// <summary>
    /// The error kind (<c>ConnectionError</c>, <c>SecureConnectionError</c>, ...), or, when the collector
    /// refused the server's certificate, <c>TLS handshake failed: </c> and why.
    /// </summary>
    public static string Describe(HttpRequestException exception) =>
        CertificateRejection(exception) is { } rejected
            ? $"TLS handshake failed: {rejected.Message}"
            : exception.HttpRequestError.ToString();

    /// <summary>
    /// The refusal of the server's certificate behind <paramref name="exception"/>, or null for any other
    /// failure. Retrying does not cure it: only trusting the CA (<c>tls.caFile</c>) or fixing the server does.
    /// </summary>
    public static ServerCertificateRejectedException? CertificateRejection(HttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is ServerCertificateRejectedException rejected)
            {
                return rejected;
            }
        }

        return null;
    }
}
