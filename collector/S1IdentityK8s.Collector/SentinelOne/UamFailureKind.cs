namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>Why a UAM call failed, as the collection loop needs to tell them apart.</summary>
public enum UamFailureKind
{
    /// <summary>HTTP 401/403, or a GraphQL UNAUTHENTICATED/FORBIDDEN error: retry slowly, never hot-loop.</summary>
    CredentialsRejected,

    /// <summary>HTTP 429 after every retry: the server wants us to slow down.</summary>
    Throttled,

    /// <summary>HTTP 5xx, a GraphQL INTERNAL_SERVER_ERROR or an unreadable body: server trouble, transient.</summary>
    Unavailable,

    /// <summary>The server rejected the query itself (HTTP 400, GraphQL validation): a bug, not weather.</summary>
    QueryRejected,

    /// <summary>Connection refused/reset or timed out after every retry.</summary>
    Transport,
}
