using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace S1IdentityK8s.Operator.Api.V1Alpha1;

/// <summary>
/// Finds the field of a spec that its C# type cannot hold: the deepest JSON value that does not read as its
/// property's type, or a key a Kubernetes type does not have (the schema keeps those types open, so the
/// apiserver keeps a misspelt <c>limit:</c> that the collector would silently go without).
/// </summary>
internal static class SpecReadProblems
{
    private const int ShownLength = 40;
    private static readonly ConcurrentDictionary<Type, Dictionary<string, PropertyInfo>> Properties = new();

    /// <summary>Whether <paramref name="e"/> is how the serializer or a Kubernetes type refuses a value.</summary>
    public static bool IsReadFailure(Exception e) =>
        e is JsonException or FormatException or ArgumentException or OverflowException or InvalidOperationException or NotSupportedException;

    /// <summary>The first problem under <paramref name="path"/>, or null; <paramref name="readable"/> when the whole value is known to read.</summary>
    public static SpecReadProblem? Find(JsonElement element, Type type, string path, JsonSerializerOptions options, bool readable = false)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        string? error = null;
        if (!readable && !Reads(element, type, options, out error))
        {
            return Children(element, type, path)
                .Select(c => Find(c.Element, c.Type, c.Path, options))
                .FirstOrDefault(p => p is not null)
                ?? new SpecReadProblem(path, $"expected {Expected(type)}, got {Shown(element)}{(error is null ? "" : $" ({error})")}");
        }

        if (element.ValueKind == JsonValueKind.Object && IsKubernetesType(type) && SpecTypeShapes.DictionaryValueType(type) is null)
        {
            var known = PropertiesOf(type);
            foreach (var property in element.EnumerateObject().Where(p => !known.ContainsKey(p.Name)))
            {
                return new SpecReadProblem($"{path}.{property.Name}", $"unknown field: expected one of {string.Join(", ", known.Keys)}");
            }
        }

        return Children(element, type, path).Select(c => Find(c.Element, c.Type, c.Path, options, readable: true)).FirstOrDefault(p => p is not null);
    }

    private static bool Reads(JsonElement element, Type type, JsonSerializerOptions options, out string? error)
    {
        try
        {
            _ = JsonSerializer.SerializeToUtf8Bytes(element.Deserialize(type, options), type, options);
            error = null;
            return true;
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            error = e is JsonException ? null : e.Message;
            return false;
        }
    }

    private static IEnumerable<(JsonElement Element, Type Type, string Path)> Children(JsonElement element, Type type, string path)
    {
        if (element.ValueKind == JsonValueKind.Object && SpecTypeShapes.DictionaryValueType(type) is { } valueType)
        {
            return element.EnumerateObject().Select(p => (p.Value, valueType, $"{path}.{p.Name}"));
        }

        if (element.ValueKind == JsonValueKind.Object && type != typeof(string) && !IsScalar(type))
        {
            var known = PropertiesOf(type);
            return element.EnumerateObject().Where(p => known.ContainsKey(p.Name))
                .Select(p => (p.Value, known[p.Name].PropertyType, $"{path}.{p.Name}"));
        }

        if (element.ValueKind == JsonValueKind.Array && SpecTypeShapes.ListItemType(type) is { } itemType)
        {
            return element.EnumerateArray().Select((item, i) => (item, itemType, $"{path}[{i}]"));
        }

        return [];
    }

    private static Dictionary<string, PropertyInfo> PropertiesOf(Type type) => Properties.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name)));

    private static bool IsKubernetesType(Type type) => type.Namespace == typeof(V1ObjectMeta).Namespace;

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(DateTime) || type == typeof(DateTimeOffset)
        || type == typeof(ResourceQuantity) || type == typeof(IntOrString);

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(int) || type == typeof(long) => "an integer",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(ResourceQuantity) => "a quantity like 500m, 64Mi or 2",
        _ when type == typeof(IntOrString) => "an integer or a string",
        _ when type == typeof(DateTime) => "an RFC 3339 timestamp",
        _ when SpecTypeShapes.DictionaryValueType(type) is { } value => $"a mapping from names to values, each {Expected(value)}",
        _ when SpecTypeShapes.ListItemType(type) is { } item => $"a list, each item {Expected(item)}",
        _ => $"an object ({type.Name})",
    };

    private static string Shown(JsonElement element)
    {
        var raw = element.GetRawText();
        return raw.Length > ShownLength ? $"{raw[..ShownLength]}… ({raw.Length} characters)" : raw;
    }
}
