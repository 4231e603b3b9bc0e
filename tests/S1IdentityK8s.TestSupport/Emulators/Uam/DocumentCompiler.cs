using System.Text.Json.Nodes;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// Parses a GraphQL request for real and resolves it against UAM's root fields <c>alerts</c> and
/// <c>alert(id)</c>: picks the operation, substitutes variables, inlines fragments, validates the
/// connection selection. Errors are <see cref="GraphQLRequestException"/>s.
/// </summary>
internal static class DocumentCompiler
{
    public static IReadOnlyList<RootField> Compile(GraphQLBody body)
    {
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(body.Query, new ParserOptions { Ignore = IgnoreOptions.All });
        }
        catch (GraphQLParserException e)
        {
            throw new GraphQLRequestException(GraphQLErrorCodes.ParseFailed, "Syntax Error: " + e.Message);
        }
        var operation = PickOperation(document, body.OperationName);
        if (operation.Operation != OperationType.Query)
        {
            throw GraphQLRequestException.Validation($"Schema is not configured for {operation.Operation} operations.");
        }
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
            .ToDictionary(f => f.FragmentName.Name.StringValue, StringComparer.Ordinal);
        var collector = new SelectionCollector(fragments);
        var scope = new VariableScope(operation, body.Variables);
        return collector.Collect([operation.SelectionSet])
            .Select(group => Root(group.Key, group.Fields, collector, scope))
            .ToList();
    }

    private static RootField Root(string key, List<GraphQLField> fields, SelectionCollector collector, VariableScope scope)
    {
        var field = fields[0];
        var name = field.Name.StringValue;
        var selection = collector.Build(fields);
        var arguments = (field.Arguments?.Items ?? [])
            .ToDictionary(a => a.Name.StringValue, a => scope.Resolve(a.Value), StringComparer.Ordinal);
        switch (name)
        {
            case "alerts":
                ConnectionSchema.Validate(ConnectionSchema.Connection, name, selection);
                return new RootField(key, ListArgumentsReader.Read(arguments), null, selection!);
            case "alert":
                ConnectionSchema.Validate(ConnectionSchema.Alert, name, selection);
                return new RootField(key, null, DetailId(arguments), selection!);
            case "__typename":
                return new RootField(key, null, null, []);
            default:
                throw GraphQLRequestException.Validation($"Cannot query field \"{name}\" on type \"Query\".");
        }
    }

    private static string DetailId(Dictionary<string, JsonNode?> arguments)
    {
        foreach (var name in arguments.Keys.Where(n => n != "id"))
        {
            throw GraphQLRequestException.Validation($"Unknown argument \"{name}\" on field \"Query.alert\".");
        }
        return arguments.GetValueOrDefault("id") is JsonValue id && id.TryGetValue<string>(out var text)
            ? text
            : throw GraphQLRequestException.BadInput("Field \"alert\" argument \"id\" of type \"ID!\" is required.");
    }

    private static GraphQLOperationDefinition PickOperation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (operationName is not null)
        {
            return operations.FirstOrDefault(o => o.Name?.StringValue == operationName)
                ?? throw GraphQLRequestException.Validation($"Unknown operation named \"{operationName}\".");
        }
        return operations.Count switch
        {
            1 => operations[0],
            0 => throw GraphQLRequestException.Validation("Document contains no operation."),
            _ => throw GraphQLRequestException.Validation("Must provide operation name if query contains multiple operations."),
        };
    }
}
