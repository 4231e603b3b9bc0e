using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Generate;

/// <summary>
/// Builds a structural OpenAPI v3 schema from C# types: descriptions from XML docs, constraints from
/// DataAnnotations (<c>Required</c>, <c>Range</c>, <c>RegularExpression</c>, <c>AllowedValues</c>,
/// <c>MinLength</c>/<c>MaxLength</c>), defaults from <c>DefaultValue</c>, plus the attributes of
/// the Api.Schema attributes. Types of the Kubernetes client are kept open (preserve unknown fields).
/// </summary>
internal sealed class OpenApiSchemaBuilder(XmlDocumentation docs)
{
    /// <summary>The schema of an object type: its public read/write properties, documented.</summary>
    public V1JSONSchemaProps ForObject(Type type)
    {
        var properties = new Dictionary<string, V1JSONSchemaProps>();
        var required = new List<string>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var name = JsonName(property);
            properties[name] = ForProperty(property);
            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add(name);
            }
        }

        return new V1JSONSchemaProps
        {
            Type = "object",
            Description = docs.Summary(type),
            Properties = properties,
            Required = required.Count > 0 ? required : null,
        };
    }

    /// <summary>The schema of one property: its type's, plus what its attributes and doc say.</summary>
    public V1JSONSchemaProps ForProperty(PropertyInfo property)
    {
        var schema = ForType(property.PropertyType);
        schema.Description = docs.Summary(property) ?? schema.Description;
        SchemaConstraints.Apply(property, schema);
        if (property.GetCustomAttribute<DefaultValueAttribute>() is { } defaultValue)
        {
            schema.DefaultProperty = defaultValue.Value;
        }
        else if (schema.Properties is not null && property.GetCustomAttribute<RequiredAttribute>() is null
            && HasDefaults(Underlying(property.PropertyType)))
        {
            // Nested defaults only apply inside an object that exists: default it to {} so that an omitted
            // section still gets every default of its fields.
            schema.DefaultProperty = new Dictionary<string, object>();
        }

        return schema;
    }

    /// <summary>The schema of a type, without a property's constraints.</summary>
    public V1JSONSchemaProps ForType(Type type)
    {
        type = Underlying(type);
        if (type == typeof(string))
        {
            return new V1JSONSchemaProps { Type = "string" };
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = type == typeof(int) ? "int32" : "int64" };
        }

        if (type == typeof(double))
        {
            return new V1JSONSchemaProps { Type = "number" };
        }

        if (type == typeof(bool))
        {
            return new V1JSONSchemaProps { Type = "boolean" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "date-time" };
        }

        if (type == typeof(ResourceQuantity) || type == typeof(IntOrString))
        {
            return new V1JSONSchemaProps { XKubernetesIntOrString = true };
        }

        if (SpecTypeShapes.DictionaryValueType(type) is { } valueType)
        {
            return new V1JSONSchemaProps { Type = "object", AdditionalProperties = ForType(valueType) };
        }

        if (SpecTypeShapes.ListItemType(type) is { } itemType)
        {
            return new V1JSONSchemaProps { Type = "array", Items = ForType(itemType) };
        }

        if (type.Namespace == typeof(V1ObjectMeta).Namespace)
        {
            // Standard Kubernetes types: validated by the object they are copied into; inlining their
            // schemas would multiply the CRD's size for no extra safety.
            return new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true };
        }

        return ForObject(type);
    }

    /// <summary>The JSON name of a property: its <c>JsonPropertyName</c>, else camelCase.</summary>
    public static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static Type Underlying(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static bool HasDefaults(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Any(p => p.GetCustomAttribute<DefaultValueAttribute>() is not null);
}
