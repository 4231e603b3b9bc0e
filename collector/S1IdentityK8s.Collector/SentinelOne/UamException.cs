namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>
/// A failed UAM call. Messages quote only the server's error title/detail/code, never the request, its
/// headers or the token.
/// </summary>
public sealed class UamException : Exception
{
    /// <summary>Creates a failure of <paramref name="kind"/>.</summary>
    public UamException(UamFailureKind kind, string message, int? statusCode = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        StatusCode = statusCode;
    }

    /// <summary>What kind of failure this is.</summary>
    public UamFailureKind Kind { get; }

    /// <summary>The HTTP status, when a response was received.</summary>
    public int? StatusCode { get; }

    /// <summary>The delay the server's <c>Retry-After</c> asked for, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>This failure, carrying the server's <c>Retry-After</c> delay.</summary>
    public UamException WithRetryAfter(TimeSpan delay) =>
        new(Kind, Message, StatusCode, InnerException) { RetryAfter = delay };
}
