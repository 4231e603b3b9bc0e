using System.Net;

namespace S1IdentityK8s.Collector.Kubernetes;

/// <summary>
/// The apiserver answered a request with an error status (404 not found, 409 conflict, 422 invalid…). The
/// message names the request and repeats the apiserver's own message; it never carries credentials.
/// </summary>
public sealed class KubeApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubeApiException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public KubeApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public KubeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an answer with <paramref name="statusCode"/>.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="reason">The Status object's <c>reason</c> (<c>NotFound</c>, <c>Conflict</c>…), if any.</param>
    /// <param name="message">What failed, with the apiserver's message.</param>
    public KubeApiException(HttpStatusCode statusCode, string? reason, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The HTTP status the apiserver answered.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The Status object's <c>reason</c>, when the answer had one.</summary>
    public string? Reason { get; }
}

/// <summary>The apiserver's error answer (a meta/v1 Status), as far as a message needs it.</summary>
/// <param name="Message">What went wrong, in the apiserver's words.</param>
/// <param name="Reason">A machine-readable reason: <c>NotFound</c>, <c>Conflict</c>, <c>Invalid</c>…</param>
internal sealed record KubeStatus(string? Message, string? Reason);
