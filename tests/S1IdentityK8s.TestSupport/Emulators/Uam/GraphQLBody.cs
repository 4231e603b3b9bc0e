using System.Text.Json;
using System.Text.Json.Nodes;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>The JSON envelope of a GraphQL POST: <c>{"query", "variables", "operationName"}</c>.</summary>
internal sealed record GraphQLBody(string Query, JsonObject? Variables, string? OperationName)
{
    /// <summary>Reads the envelope; anything but an object with a string <c>query</c> is BAD_REQUEST (HTTP 400).</summary>
    public static async Task<GraphQLBody> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        JsonNode? root;
        try
        {
            root = await JsonNode.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new GraphQLRequestException(GraphQLErrorCodes.BadRequest, "Request body is not valid JSON: " + e.Message);
        }
        if (root is not JsonObject envelope)
        {
            throw new GraphQLRequestException(GraphQLErrorCodes.BadRequest, "Request body must be a JSON object.");
        }
        if (envelope["query"] is not JsonValue query || !query.TryGetValue<string>(out var text))
        {
            throw new GraphQLRequestException(GraphQLErrorCodes.BadRequest, "POST body missing \"query\" string.");
        }
        var variables = envelope["variables"] switch
        {
            null => null,
            JsonObject obj => obj,
            _ => throw new GraphQLRequestException(GraphQLErrorCodes.BadRequest, "\"variables\" must be an object."),
        };
        var operationName = envelope["operationName"] is JsonValue name && name.TryGetValue<string>(out var n) ? n : null;
        return new GraphQLBody(text, variables, operationName);
    }
}
