using System.Globalization;
using System.Text.Json.Nodes;
using GraphQLParser.AST;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// Turns GraphQL argument values into JSON, substituting <c>$variables</c> from the request, so inline
/// literals and variables reach the resolvers in the same form (enums become their name as a string).
/// </summary>
internal sealed class VariableScope
{
    private readonly JsonObject? _values;
    private readonly Dictionary<string, GraphQLVariableDefinition> _definitions = new(StringComparer.Ordinal);

    public VariableScope(GraphQLOperationDefinition operation, JsonObject? values)
    {
        _values = values;
        foreach (var definition in operation.Variables?.Items ?? [])
        {
            _definitions[definition.Variable.Name.StringValue] = definition;
        }
    }

    public JsonNode? Resolve(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => JsonValue.Create(s.Value.ToString()),
        GraphQLBooleanValue b => JsonValue.Create(b.BoolValue),
        GraphQLEnumValue e => JsonValue.Create(e.Name.StringValue),
        GraphQLIntValue i => ParseInt(i.Value.ToString()),
        GraphQLFloatValue f => JsonValue.Create(double.Parse(f.Value.ToString(), CultureInfo.InvariantCulture)),
        GraphQLListValue list => new JsonArray((list.Values ?? []).Select(Resolve).ToArray()),
        GraphQLObjectValue obj => new JsonObject((obj.Fields ?? []).Select(
            f => KeyValuePair.Create(f.Name.StringValue, Resolve(f.Value)))),
        GraphQLVariable variable => Lookup(variable.Name.StringValue),
        _ => throw GraphQLRequestException.Validation($"Unsupported value {value.Kind}."),
    };

    private JsonNode? Lookup(string name)
    {
        if (!_definitions.TryGetValue(name, out var definition))
        {
            throw GraphQLRequestException.Validation($"Variable \"${name}\" is not defined.");
        }
        if (_values is not null && _values.TryGetPropertyValue(name, out var provided))
        {
            return provided?.DeepClone();
        }
        if (definition.DefaultValue is not null)
        {
            return Resolve(definition.DefaultValue);
        }
        if (definition.Type is GraphQLNonNullType)
        {
            throw GraphQLRequestException.BadInput($"Variable \"${name}\" of required type was not provided.");
        }
        return null;
    }

    private static JsonValue ParseInt(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? JsonValue.Create(parsed)
            : throw GraphQLRequestException.BadInput($"Int literal {text} is out of range.");
}
