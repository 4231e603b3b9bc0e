using System.Text.Json;
using System.Text.Json.Nodes;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// Reads the arguments of <c>alerts(filters, sort, first, after)</c>, already resolved to JSON, with the
/// type checks a GraphQL server makes: times are Long epoch milliseconds, never strings.
/// </summary>
internal static class ListArgumentsReader
{
    private static readonly string[] Operators = ["stringEqual", "stringIn", "dateTimeRange", "longRange", "booleanEqual", "match"];

    public static UamListArguments Read(IReadOnlyDictionary<string, JsonNode?> arguments)
    {
        foreach (var name in arguments.Keys.Where(n => n is not ("filters" or "sort" or "first" or "after")))
        {
            throw GraphQLRequestException.Validation($"Unknown argument \"{name}\" on field \"Query.alerts\".");
        }
        var sort = arguments.GetValueOrDefault("sort") is { } s ? Object(s, "sort") : null;
        var sortBy = sort is null ? null : OptionalString(sort["by"], "sort.by");
        if (sortBy is not null && !AlertFieldIds.IsTime(sortBy))
        {
            throw GraphQLRequestException.BadInput($"Cannot sort by \"{sortBy}\".");
        }
        var order = sort is null ? null : OptionalString(sort["order"], "sort.order");
        if (order is not (null or "ASC" or "DESC"))
        {
            throw GraphQLRequestException.BadInput($"Value \"{order}\" does not exist in \"SortOrder\" enum.");
        }
        return new UamListArguments
        {
            Filters = arguments.GetValueOrDefault("filters") is JsonArray filters
                ? filters.Select((f, i) => Filter(f, $"filters[{i}]")).ToList()
                : [],
            SortBy = sortBy,
            SortOrder = order,
            First = arguments.GetValueOrDefault("first") is { } first ? checked((int)Long(first, "first")) : null,
            After = OptionalString(arguments.GetValueOrDefault("after"), "after"),
        };
    }

    private static UamFilter Filter(JsonNode? node, string path)
    {
        var filter = Object(node, path);
        var fieldId = OptionalString(filter["fieldId"], path + ".fieldId")
            ?? throw GraphQLRequestException.BadInput($"{path}.fieldId is required.");
        var present = Operators.Where(op => filter[op] is not null).ToList();
        if (present.Count != 1)
        {
            throw GraphQLRequestException.BadInput($"{path} must set exactly one operator, got {present.Count}.");
        }
        var op = present[0];
        var body = Object(filter[op], $"{path}.{op}");
        var isNegated = filter["isNegated"] is { } negated && Bool(negated, path + ".isNegated");
        switch (op)
        {
            case "stringEqual" or "stringIn" when AlertFieldIds.IsString(fieldId):
                var values = op == "stringEqual"
                    ? [OptionalString(body["value"], $"{path}.{op}.value") ?? ""]
                    : (body["values"] as JsonArray ?? []).Select(v => OptionalString(v, $"{path}.{op}.values") ?? "").ToList();
                return new UamFilter { FieldId = fieldId, Operator = op, Values = values, IsNegated = isNegated };
            case "dateTimeRange" or "longRange" when AlertFieldIds.IsTime(fieldId):
                return new UamFilter
                {
                    FieldId = fieldId,
                    Operator = op,
                    Start = body["start"] is { } start ? Long(start, $"{path}.{op}.start") : null,
                    StartInclusive = body["startInclusive"] is not { } si || Bool(si, $"{path}.{op}.startInclusive"),
                    End = body["end"] is { } end ? Long(end, $"{path}.{op}.end") : null,
                    EndInclusive = body["endInclusive"] is { } ei && Bool(ei, $"{path}.{op}.endInclusive"),
                    IsNegated = isNegated,
                };
            case "booleanEqual" or "match":
                throw GraphQLRequestException.BadInput($"{path}: operator {op} is not supported by the emulator.");
            default:
                throw GraphQLRequestException.BadInput($"{path}: operator {op} does not apply to field \"{fieldId}\".");
        }
    }

    private static JsonObject Object(JsonNode? node, string path) =>
        node as JsonObject ?? throw GraphQLRequestException.BadInput($"{path} must be an input object.");

    private static string? OptionalString(JsonNode? node, string path) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw GraphQLRequestException.BadInput($"{path}: String cannot represent a non string value: {node.ToJsonString()}"),
    };

    private static long Long(JsonNode node, string path) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var number)
            ? number
            : throw GraphQLRequestException.BadInput($"{path}: Long cannot represent value: {node.ToJsonString()}");

    private static bool Bool(JsonNode node, string path) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValue<bool>()
            : throw GraphQLRequestException.BadInput($"{path}: Boolean cannot represent value: {node.ToJsonString()}");
}
