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
}
