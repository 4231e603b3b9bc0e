using k8s;
using k8s.Models;

namespace S1IdentityK8s.Operator.Runtime.Watch;

/// <summary>The list envelope the apiserver returns for a custom resource (<c>&lt;Kind&gt;List</c>).</summary>
/// <typeparam name="T">The entity.</typeparam>
public sealed class EntityList<T> : IKubernetesObject<V1ListMeta>, IItems<T>
{
    /// <summary>The list's apiVersion.</summary>
    public string ApiVersion { get; set; } = "";

    /// <summary>The list's kind.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The list's metadata, whose resourceVersion a watch starts from.</summary>
    public V1ListMeta Metadata { get; set; } = new();

    /// <summary>The entities.</summary>
    public IList<T> Items { get; set; } = [];
}
