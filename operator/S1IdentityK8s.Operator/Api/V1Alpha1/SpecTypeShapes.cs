using System.Collections;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>
/// What a spec property's CLR type holds, as JSON sees it: one rule for the CRD's schema generator and for the
/// reader that names an unreadable field, so the two never disagree on what is a mapping and what is a list.
/// </summary>
internal static class SpecTypeShapes
{
    /// <summary>The value type of a mapping from names (a string-keyed dictionary), else null.</summary>
    public static Type? DictionaryValueType(Type type) =>
        GenericInterface(type, typeof(IDictionary<,>)) is { } dictionary && dictionary.GetGenericArguments()[0] == typeof(string)
            ? dictionary.GetGenericArguments()[1]
            : null;

    /// <summary>The item type of a list (an enumerable that is neither a string nor a mapping), else null.</summary>
    public static Type? ListItemType(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && DictionaryValueType(type) is null
            ? GenericInterface(type, typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : null;

    private static Type? GenericInterface(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
}
