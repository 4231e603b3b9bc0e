using System.Reflection;
using k8s.Models;

namespace S1IdentityK8s.Operator.Runtime.Watch;

/// <summary>Where a custom resource type is served: the group, version, plural and kind of its <c>[KubernetesEntity]</c>.</summary>
public static class EntityType
{
    /// <summary>The <c>[KubernetesEntity]</c> of <typeparamref name="T"/>.</summary>
    public static KubernetesEntityAttribute Of<T>() => Of(typeof(T));

    /// <summary>The <c>[KubernetesEntity]</c> of <paramref name="type"/>; throws <see cref="ArgumentException"/> when it has none.</summary>
    public static KubernetesEntityAttribute Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetCustomAttribute<KubernetesEntityAttribute>(inherit: false)
            ?? throw new ArgumentException($"{type} has no [KubernetesEntity]", nameof(type));
    }
}
