namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>A request the emulator refuses, answered as a GraphQL error with <see cref="Code"/>.</summary>
internal sealed class GraphQLRequestException : Exception
{
    public GraphQLRequestException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public GraphQLRequestException()
        : this(GraphQLErrorCodes.BadRequest, "bad request")
    {
    }

    public GraphQLRequestException(string message)
        : this(GraphQLErrorCodes.BadRequest, message)
    {
    }

    public GraphQLRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = GraphQLErrorCodes.BadRequest;
    }

    public string Code { get; }

    public static GraphQLRequestException Validation(string message) => new(GraphQLErrorCodes.ValidationFailed, message);

    public static GraphQLRequestException BadInput(string message) => new(GraphQLErrorCodes.BadUserInput, message);
}
