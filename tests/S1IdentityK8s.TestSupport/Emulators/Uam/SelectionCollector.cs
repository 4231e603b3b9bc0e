using GraphQLParser.AST;

namespace S1IdentityK8s.TestSupport.Emulators.Uam;

/// <summary>
/// GraphQL's CollectFields: groups the fields of selection sets by response key (alias or name), inlining
/// fragment spreads and inline fragments (type conditions are ignored: every object here has one type).
/// </summary>
internal sealed class SelectionCollector(IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments)
{
    /// <summary>Field groups in first-seen order; each group holds every field sharing the response key.</summary>
    public List<(string Key, List<GraphQLField> Fields)> Collect(IEnumerable<GraphQLSelectionSet> sets)
    {
        var groups = new List<(string Key, List<GraphQLField> Fields)>();
        var byKey = new Dictionary<string, List<GraphQLField>>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            Visit(set, groups, byKey, visiting);
        }
        return groups;
    }

    /// <summary>The selection below <paramref name="fields"/> (all sharing one key), or null for a leaf.</summary>
    public IReadOnlyList<SelectedField>? Build(IReadOnlyList<GraphQLField> fields)
    {
        var sets = fields.Select(f => f.SelectionSet).OfType<GraphQLSelectionSet>().ToList();
        if (sets.Count == 0)
        {
            return null;
        }
        return Collect(sets).Select(g => new SelectedField(g.Key, g.Fields[0].Name.StringValue, Build(g.Fields)))
            .ToList();
    }

    private void Visit(GraphQLSelectionSet set, List<(string Key, List<GraphQLField> Fields)> groups,
        Dictionary<string, List<GraphQLField>> byKey, HashSet<string> visiting)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    var key = field.Alias?.Name.StringValue ?? field.Name.StringValue;
                    if (!byKey.TryGetValue(key, out var group))
                    {
                        group = [];
                        byKey[key] = group;
                        groups.Add((key, group));
                    }
                    group.Add(field);
                    break;
                case GraphQLInlineFragment inline:
                    Visit(inline.SelectionSet, groups, byKey, visiting);
                    break;
                case GraphQLFragmentSpread spread:
                    var name = spread.FragmentName.Name.StringValue;
                    if (!fragments.TryGetValue(name, out var fragment))
                    {
                        throw GraphQLRequestException.Validation($"Unknown fragment \"{name}\".");
                    }
                    if (!visiting.Add(name))
                    {
                        throw GraphQLRequestException.Validation($"Cannot spread fragment \"{name}\" within itself.");
                    }
                    Visit(fragment.SelectionSet, groups, byKey, visiting);
                    visiting.Remove(name);
                    break;
                default:
                    break;
            }
        }
    }
}
