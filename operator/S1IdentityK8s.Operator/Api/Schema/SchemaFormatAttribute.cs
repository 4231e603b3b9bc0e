namespace S1IdentityK8s.Operator.Api.Schema;

/// <summary>An OpenAPI <c>format</c> the apiserver checks on a string field (e.g. <c>date-time</c>).</summary>
/// <param name="format">The format name.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaFormatAttribute(string format) : Attribute
{
    /// <summary>The format name.</summary>
    public string Format { get; } = format;
}
