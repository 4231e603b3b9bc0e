namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>One request the UAM emulator received, with what it parsed and what it answered.</summary>
public sealed record UamRequestRecord
{
    /// <summary>1-based arrival order.</summary>
    public required int Number { get; init; }

    /// <summary>Wall-clock arrival time.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Arrival on a monotonic clock, measured from the emulator's start: use it for rates and gaps.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>What the document asked for.</summary>
    public required UamRequestKind Kind { get; init; }

    /// <summary>Whether the Authorization header carried the accepted token (Bearer or ApiToken scheme).</summary>
    public required bool AuthorizationOk { get; init; }

    /// <summary>HTTP status returned; 0 when the connection was reset.</summary>
    public required int StatusCode { get; init; }

    /// <summary>Arguments of every <c>alerts</c> field, in document order.</summary>
    public IReadOnlyList<UamListArguments> ListCalls { get; init; } = [];

    /// <summary>The ids of every aliased <c>alert(id)</c> lookup, in document order.</summary>
    public IReadOnlyList<string> DetailIds { get; init; } = [];

    /// <summary>Edges plus found detail alerts returned in <c>data</c>.</summary>
    public int ReturnedAlerts { get; init; }

    /// <summary>The injected fault, or null when served normally.</summary>
    public ScriptedFault? Fault { get; init; }

    /// <summary>The GraphQL or REST error code answered (e.g. <c>BAD_USER_INPUT</c>, <c>4010010</c>), or null.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The error message answered, or null.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The GraphQL document text, or null when the body was not readable.</summary>
    public string? Query { get; init; }

    /// <summary>The first list call's arguments, or null.</summary>
    public UamListArguments? List => ListCalls.Count > 0 ? ListCalls[0] : null;

    /// <summary>Number of aliased detail lookups in the document.</summary>
    public int DetailLookups => DetailIds.Count;
}
