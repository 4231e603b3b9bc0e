namespace S1IdentityK8s.Collector.SentinelOne;

/// <summary>Where and as whom <see cref="UamClient"/> calls UAM.</summary>
/// <param name="GraphQlUri">The full <c>.../web/api/v2.1/unifiedalerts/graphql</c> URL.</param>
/// <param name="ApiToken">Returns the current token; called per request so a rotated Secret file is picked up.</param>
public sealed record UamClientSettings(Uri GraphQlUri, Func<string> ApiToken)
{
    /// <summary>The UAM GraphQL path below the console's base URL.</summary>
    public const string GraphQlPath = "web/api/v2.1/unifiedalerts/graphql";

    /// <summary>The GraphQL endpoint below <paramref name="baseUri"/> (<c>https://host[:port]/</c>).</summary>
    public static Uri GraphQlUriFor(Uri baseUri) => new(baseUri, GraphQlPath);
}
