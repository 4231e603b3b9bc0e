namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>
/// One injected fault. Build it with the factory methods; <c>with</c> expressions adjust the details
/// (e.g. <c>ScriptedFault.Status(500) with { AfterProcessing = true }</c>).
/// </summary>
public sealed record ScriptedFault
{
    /// <summary>What the fault does.</summary>
    public FaultKind Kind { get; init; }

    /// <summary>The HTTP status for <see cref="FaultKind.HttpStatus"/>; ignored otherwise.</summary>
    public int StatusCode { get; init; }

    /// <summary>The <c>Retry-After</c> header value, sent only when not null (seconds or an HTTP date).</summary>
    public string? RetryAfter { get; init; }

    /// <summary>The response body; null sends a small HTML page, as gateways do (deliberately not JSON).</summary>
    public string? Body { get; init; }

    /// <summary>The body as raw bytes (e.g. not UTF-8); wins over <see cref="Body"/> when set.</summary>
    public byte[]? BodyBytes { get; init; }

    /// <summary>The body's content type. Defaults to <c>text/html</c>.</summary>
    public string ContentType { get; init; } = "text/html; charset=utf-8";

    /// <summary>GraphQL <c>extensions.code</c> for <see cref="FaultKind.GraphQLError"/>. Defaults to INTERNAL_SERVER_ERROR.</summary>
    public string GraphQLCode { get; init; } = "INTERNAL_SERVER_ERROR";

    /// <summary>GraphQL error message for <see cref="FaultKind.GraphQLError"/>.</summary>
    public string GraphQLMessage { get; init; } = "Internal server error";

    /// <summary>For <see cref="FaultKind.GraphQLError"/>: also return the data the query produced.</summary>
    public bool WithPartialData { get; init; }

    /// <summary>
    /// Process the request fully first (the intake ingests the events) and only then answer with the
    /// fault: the client cannot know the request took effect. Defaults to false (fail before reading).
    /// </summary>
    public bool AfterProcessing { get; init; }

    /// <summary>How long <see cref="FaultKind.Stall"/> holds the request; <see cref="Timeout.InfiniteTimeSpan"/> until the client goes away.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>An HTTP status answered before the request is read.</summary>
    public static ScriptedFault Status(int statusCode, int? retryAfterSeconds = null) => new()
    {
        Kind = FaultKind.HttpStatus,
        StatusCode = statusCode,
        RetryAfter = retryAfterSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>HTTP 200 with <paramref name="body"/> as JSON: a well-formed answer with a malformed content.</summary>
    public static ScriptedFault JsonBody(string body) =>
        Status(200) with { Body = body, ContentType = "application/json; charset=utf-8" };

    /// <summary>429 Too Many Requests, with <c>Retry-After</c> in seconds when given.</summary>
    public static ScriptedFault TooManyRequests(int? retryAfterSeconds = 3) => Status(429, retryAfterSeconds);

    /// <summary>503 Service Unavailable, with <c>Retry-After</c> in seconds when given.</summary>
    public static ScriptedFault ServiceUnavailable(int? retryAfterSeconds = null) => Status(503, retryAfterSeconds);

    /// <summary>500 Internal Server Error.</summary>
    public static ScriptedFault InternalServerError() => Status(500);

    /// <summary>The connection is aborted before any response.</summary>
    public static ScriptedFault ConnectionReset() => new() { Kind = FaultKind.ConnectionReset };

    /// <summary>The request is processed (events ingested), then answered with <paramref name="statusCode"/>.</summary>
    public static ScriptedFault FailAfterProcessing(int statusCode = 500) =>
        Status(statusCode) with { AfterProcessing = true };

    /// <summary>UAM: HTTP 200 carrying a GraphQL error; <paramref name="partialData"/> keeps the data beside it.</summary>
    public static ScriptedFault GraphQLError(string code = "INTERNAL_SERVER_ERROR", bool partialData = false,
        string message = "Internal server error") => new()
        {
            Kind = FaultKind.GraphQLError,
            StatusCode = 200,
            GraphQLCode = code,
            GraphQLMessage = message,
            WithPartialData = partialData,
        };

    /// <summary>The answer is cut in half and the connection dropped (see <see cref="FaultKind.TruncatedBody"/>).</summary>
    public static ScriptedFault TruncatedBody() => new() { Kind = FaultKind.TruncatedBody, StatusCode = 200 };

    /// <summary>The request is held for <paramref name="delay"/> before it is served (a client timeout usually ends it first).</summary>
    public static ScriptedFault Stall(TimeSpan delay) => new() { Kind = FaultKind.Stall, Delay = delay };

    /// <summary>
    /// The request is held until the client gives up (its timeout) and never answered; with
    /// <c>AfterProcessing = true</c> the intake ingests it first, so the client cannot know it took effect.
    /// </summary>
    public static ScriptedFault Hang() => Stall(Timeout.InfiniteTimeSpan);

    /// <summary>
    /// 503 whose <c>Retry-After</c> is an HTTP date <paramref name="delay"/> from <paramref name="now"/>
    /// (rounded up to the second, as the format allows no less).
    /// </summary>
    public static ScriptedFault ServiceUnavailableUntil(DateTimeOffset now, TimeSpan delay) => Status(503) with
    {
        RetryAfter = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero)
            .Add(delay).AddSeconds(1).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
    };
}
