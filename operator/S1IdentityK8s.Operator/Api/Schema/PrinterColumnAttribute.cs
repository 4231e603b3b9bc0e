namespace S1IdentityK8s.Operator.Api.Schema;

/// <summary>An extra column of <c>kubectl get</c> for an entity; columns keep their declaration order.</summary>
/// <param name="name">The column header.</param>
/// <param name="type">The OpenAPI type: string, integer, number, boolean or date.</param>
/// <param name="jsonPath">The JSONPath of the value inside the object.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(string name, string type, string jsonPath) : Attribute
{
    /// <summary>The column header.</summary>
    public string Name { get; } = name;

    /// <summary>The OpenAPI type of the value.</summary>
    public string Type { get; } = type;

    /// <summary>The JSONPath of the value inside the object.</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>What the column shows (kubectl explain and API discovery).</summary>
    public string? Description { get; init; }

    /// <summary>0 shows the column always, higher only with <c>-o wide</c>. Defaults to 0.</summary>
    public int Priority { get; init; }
}
