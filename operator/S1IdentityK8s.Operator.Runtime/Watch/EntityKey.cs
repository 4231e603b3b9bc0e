using k8s;
using k8s.Models;

namespace S1IdentityK8s.Operator.Runtime.Watch;

/// <summary>The <c>namespace/name</c> keys of the work queue.</summary>
public static class EntityKey
{
    /// <summary>The key of <paramref name="item"/>.</summary>
    public static string Of(IKubernetesObject<V1ObjectMeta> item) => Of(item.Metadata.NamespaceProperty, item.Metadata.Name);

    /// <summary>The key of the object <paramref name="name"/> in <paramref name="namespaceName"/>.</summary>
    public static string Of(string? namespaceName, string name) => $"{namespaceName}/{name}";

    /// <summary>Splits a key into namespace and name.</summary>
    public static (string Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>The key of the owner of kind <paramref name="ownerKind"/> of <paramref name="child"/>, if it has one.</summary>
    public static string? OwnerOf(IKubernetesObject<V1ObjectMeta> child, string ownerKind) =>
        child.Metadata.OwnerReferences?.FirstOrDefault(o => o.Kind == ownerKind) is { } owner
            ? Of(child.Metadata.NamespaceProperty, owner.Name)
            : null;
}
