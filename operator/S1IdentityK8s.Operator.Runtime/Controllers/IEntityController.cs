using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Runtime.Queue;

namespace S1IdentityK8s.Operator.Runtime.Controllers;

/// <summary>Reconciles one kind of entity (KubeOps' shape): level-based, called with the current object.</summary>
/// <typeparam name="T">The entity.</typeparam>
public interface IEntityController<in T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Makes the world match <paramref name="entity"/>; throwing retries with backoff.</summary>
    Task<ReconcileResult> ReconcileAsync(T entity, CancellationToken cancellationToken);

    /// <summary>Called once the entity is gone (owned children are garbage-collected by Kubernetes).</summary>
    Task DeletedAsync(string namespaceName, string name, CancellationToken cancellationToken);
}
