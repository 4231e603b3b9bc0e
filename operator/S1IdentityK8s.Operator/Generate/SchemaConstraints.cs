using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using k8s.Models;
using S1IdentityK8s.Operator.Api.Schema;

namespace S1IdentityK8s.Operator.Generate;

/// <summary>Turns a property's validation attributes into OpenAPI constraints on its schema.</summary>
internal static class SchemaConstraints
{
    /// <summary>Adds to <paramref name="schema"/> what the attributes of <paramref name="property"/> require.</summary>
    public static void Apply(PropertyInfo property, V1JSONSchemaProps schema)
    {
        var isArray = schema.Type == "array";
        foreach (var attribute in property.GetCustomAttributes())
        {
            switch (attribute)
            {
                case RangeAttribute range:
                    schema.Minimum = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
                    schema.Maximum = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
                    schema.ExclusiveMinimum = range.MinimumIsExclusive ? true : null;
                    schema.ExclusiveMaximum = range.MaximumIsExclusive ? true : null;
                    break;
                case RegularExpressionAttribute regex:
                    schema.Pattern = regex.Pattern;
                    break;
                case AllowedValuesAttribute allowed:
                    schema.EnumProperty = [.. allowed.Values.OfType<object>()];
                    break;
                case MinLengthAttribute min when isArray:
                    schema.MinItems = min.Length;
                    break;
                case MinLengthAttribute min:
                    schema.MinLength = min.Length;
                    break;
                case MaxLengthAttribute max when isArray:
                    schema.MaxItems = max.Length;
                    break;
                case MaxLengthAttribute max:
                    schema.MaxLength = max.Length;
                    break;
                case SchemaFormatAttribute format:
                    schema.Format = format.Format;
                    break;
                case ListMapKeyAttribute key:
                    schema.XKubernetesListType = "map";
                    schema.XKubernetesListMapKeys = [key.Key];
                    break;
            }
        }
    }
}
