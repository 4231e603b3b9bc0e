namespace S1IdentityK8s.TestSupport.Emulators;

/// <summary>
/// The body of UAM's HTTP 401: it is unconfirmed whether UAM answers with SentinelOne's REST envelope or a
/// GraphQL envelope, so the collector must handle both.
/// </summary>
public enum UamUnauthorizedShape
{
    /// <summary><c>{"errors":[{"code":4010010,"detail":"Authentication failed.","title":"Authentication Failed"}],"data":null}</c>.</summary>
    RestEnvelope,

    /// <summary><c>{"data":null,"errors":[{"message":"Unauthorized","extensions":{"code":"UNAUTHENTICATED"}}]}</c>.</summary>
    GraphQLEnvelope,
}
