namespace S1IdentityK8s.Operator.Api.Schema;

/// <summary>
/// Marks a list as a map keyed by one field (<c>x-kubernetes-list-type: map</c>): the apiserver rejects
/// two items with the same key, and server-side apply merges items by key instead of replacing the list.
/// </summary>
/// <param name="key">The item field that identifies an item (must be required on the item).</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapKeyAttribute(string key) : Attribute
{
    /// <summary>The item field that identifies an item.</summary>
    public string Key { get; } = key;
}
