using k8s;
using k8s.Models;

namespace S1IdentityK8s.Operator.Runtime;

/// <summary>Cleanup that must finish before an entity may disappear (KubeOps' shape), run while its finalizer is set.</summary>
/// <typeparam name="T">The entity.</typeparam>
public interface IEntityFinalizer<in T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The finalizer name this cleanup holds, e.g. <c>s1identity.dev/intake</c>.</summary>
    string Name { get; }

    /// <summary>Cleans up; the finalizer is removed (by patch) only when this returns without throwing.</summary>
    Task FinalizeAsync(T entity, CancellationToken cancellationToken);
}
