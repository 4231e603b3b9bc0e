namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>What an injected fault does to one request.</summary>
public enum FaultKind
{
    /// <summary>Answer with <see cref="ScriptedFault.StatusCode"/>, its headers and body.</summary>
    HttpStatus,

    /// <summary>Abort the connection without an HTTP response (the client sees a reset).</summary>
    ConnectionReset,

    /// <summary>UAM only: HTTP 200 with a GraphQL <c>errors</c> array, optionally beside partial data.</summary>
    GraphQLError,

    /// <summary>
    /// HTTP 200 with the real answer's headers and length, half its body, then the connection dropped (a
    /// proxy or a server dying mid-answer). The intake, which has nothing to cut, ingests the request and
    /// drops the connection instead.
    /// </summary>
    TruncatedBody,

    /// <summary>
    /// Hold the request for <see cref="ScriptedFault.Delay"/> (or until the client gives up), then serve it
    /// normally. The intake, with <see cref="ScriptedFault.AfterProcessing"/>, ingests the request first, then
    /// holds the answer and drops the connection: the acknowledgement never comes.
    /// </summary>
    Stall,
}
