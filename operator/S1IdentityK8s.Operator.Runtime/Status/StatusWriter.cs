using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using S1IdentityK8s.Operator.Runtime.Watch;

namespace S1IdentityK8s.Operator.Runtime.Status;

/// <summary>
/// Writes an entity's status by server-side apply on the <c>/status</c> subresource, and only when it
/// differs from the status the entity already has (no write, no watch event, no loop).
/// </summary>
/// <param name="client">The API client.</param>
/// <param name="fieldManager">The SSA field manager.</param>
/// <param name="cache">Takes the written entity in, so the next reconcile sees its own write; may be null.</param>
public sealed class StatusWriter(IKubernetes client, string fieldManager, ObjectCache? cache = null)
{
    /// <summary>Whether <paramref name="current"/> exists and serializes exactly as <paramref name="desired"/> (so a write would change nothing).</summary>
    public static bool Same<TStatus>(TStatus? current, TStatus desired) =>
        current is not null && KubernetesJson.Serialize(current) == KubernetesJson.Serialize(desired);

    /// <summary>Applies <paramref name="desired"/> as the status of <paramref name="entity"/>; returns whether it wrote.</summary>
    /// <param name="entity">The entity as read, with its current status in <paramref name="current"/>.</param>
    /// <param name="current">The status the entity has now (null when none).</param>
    /// <param name="desired">The whole status this field manager owns.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<bool> ApplyAsync<T, TStatus>(T entity, TStatus? current, TStatus desired, CancellationToken cancellationToken)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        if (Same(current, desired))
        {
            return false;
        }

        var entityType = EntityType.Of<T>();
        var body = new Dictionary<string, object?>
        {
            ["apiVersion"] = entity.ApiVersion,
            ["kind"] = entity.Kind,
            ["metadata"] = new Dictionary<string, object?> { ["name"] = entity.Metadata.Name, ["namespace"] = entity.Metadata.NamespaceProperty },
            ["status"] = desired,
        };
        T written;
        try
        {
            written = await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<T>(
                new V1Patch(body, V1Patch.PatchType.ApplyPatch), entityType.Group, entityType.ApiVersion,
                entity.Metadata.NamespaceProperty, entityType.PluralName, entity.Metadata.Name,
                fieldManager: fieldManager, force: true, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (IsUntypable(e))
        {
            // The object breaks its own schema (a v1.20 apiserver stores some such values), so apply cannot
            // type it: a merge patch still shows the user why (the status is wholly ours, lists included).
            written = await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<T>(
                new V1Patch(new Dictionary<string, object?> { ["status"] = desired }, V1Patch.PatchType.MergePatch),
                entityType.Group, entityType.ApiVersion, entity.Metadata.NamespaceProperty, entityType.PluralName, entity.Metadata.Name,
                fieldManager: fieldManager, cancellationToken: cancellationToken);
        }

        cache?.Wrote(written);
        return true;
    }

    private static bool IsUntypable(HttpOperationException e) =>
        e.Response.StatusCode == HttpStatusCode.InternalServerError
        && e.Response.Content?.Contains("to smd typed", StringComparison.Ordinal) == true;
}
