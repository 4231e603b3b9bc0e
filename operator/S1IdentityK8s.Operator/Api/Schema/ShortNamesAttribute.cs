namespace S1IdentityK8s.Operator.Api.Schema;

/// <summary>The short names kubectl accepts for an entity (<c>kubectl get s1i</c>).</summary>
/// <param name="names">Lower-case aliases of the plural name.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ShortNamesAttribute(params string[] names) : Attribute
{
    /// <summary>The aliases, in the order given.</summary>
    public IReadOnlyList<string> Names { get; } = names;
}
