namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>One request the intake emulator received and what it answered.</summary>
public sealed record IntakeRequestRecord
{
    /// <summary>1-based arrival order.</summary>
    public required int Number { get; init; }

    /// <summary>Wall-clock arrival time.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Arrival on a monotonic clock from the emulator's start: use it for rates and gaps.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The request path, e.g. <c>/batch</c> or <c>/api/v1/intake-http/batch</c>.</summary>
    public required string Path { get; init; }

    /// <summary>HTTP status returned; 0 when the connection was reset or the client went away.</summary>
    public int StatusCode { get; init; }

    /// <summary>Whether the body came with <c>Content-Encoding: gzip</c>.</summary>
    public bool Gzip { get; init; }

    /// <summary>Body bytes as sent (compressed when gzip), as far as read.</summary>
    public long WireBytes { get; init; }

    /// <summary>Body bytes after decompression, as far as read.</summary>
    public long BodyBytes { get; init; }

    /// <summary>Elements of <c>jsons</c>; 0 when the body was refused before they were read.</summary>
    public int EventCount { get; init; }

    /// <summary>Events ingested (acknowledged or not).</summary>
    public int AcceptedCount { get; init; }

    /// <summary>Events refused for exceeding the per-event limit.</summary>
    public int RejectedOversizeCount { get; init; }

    /// <summary>Whether <c>intake_key</c> matched; null when the body was refused before it was read.</summary>
    public bool? IntakeKeyOk { get; init; }

    /// <summary>The injected fault, or null.</summary>
    public ScriptedFault? Fault { get; init; }

    /// <summary>The error message answered, or null.</summary>
    public string? Error { get; init; }

    /// <summary>Whether the answer was a 2xx.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
