namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// The fixed part of UAM's schema: the connection types around alerts. <c>Alert</c> itself is open: any
/// field may be selected and a field the stored alert lacks comes back null.
/// </summary>
internal static class ConnectionSchema
{
    public const string Connection = "AlertConnection";
    public const string Alert = "Alert";

    // Field name -> child object type, or null for a leaf.
    private static readonly Dictionary<string, Dictionary<string, string?>> Types = new(StringComparer.Ordinal)
    {
        [Connection] = new(StringComparer.Ordinal)
        {
            ["totalCount"] = null,
            ["pageInfo"] = "PageInfo",
            ["edges"] = "AlertEdge",
            ["__typename"] = null,
        },
        ["PageInfo"] = new(StringComparer.Ordinal)
        {
            ["endCursor"] = null,
            ["hasNextPage"] = null,
            ["startCursor"] = null,
            ["hasPreviousPage"] = null,
            ["__typename"] = null,
        },
        ["AlertEdge"] = new(StringComparer.Ordinal)
        {
            ["cursor"] = null,
            ["node"] = Alert,
            ["__typename"] = null,
        },
    };

    /// <summary>Throws GRAPHQL_VALIDATION_FAILED for a field the type lacks or a wrong use of subfields.</summary>
    public static void Validate(string typeName, string fieldName, IReadOnlyList<SelectedField>? selection)
    {
        if (selection is null)
        {
            throw GraphQLRequestException.Validation(
                $"Field \"{fieldName}\" of type \"{typeName}\" must have a selection of subfields.");
        }
        if (typeName == Alert)
        {
            return;
        }
        var fields = Types[typeName];
        foreach (var field in selection)
        {
            if (!fields.TryGetValue(field.Name, out var child))
            {
                throw GraphQLRequestException.Validation($"Cannot query field \"{field.Name}\" on type \"{typeName}\".");
            }
            if (child is null && field.Children is not null)
            {
                throw GraphQLRequestException.Validation(
                    $"Field \"{field.Name}\" must not have a selection since its type has no subfields.");
            }
            if (child is not null)
            {
                Validate(child, field.Name, field.Children);
            }
        }
    }
}
