namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>The <c>extensions.code</c> values the emulator answers with (Apollo's conventional names).</summary>
internal static class GraphQLErrorCodes
{
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string BadRequest = "BAD_REQUEST";
    public const string Unauthenticated = "UNAUTHENTICATED";
}
