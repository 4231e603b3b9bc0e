using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using S1IdentityK8s.Operator.Runtime.Watch;

namespace S1IdentityK8s.Operator.Runtime.Apply;

/// <summary>
/// Server-side applies children with one field manager (force: the operator owns what it sets), and skips
/// the request when the child carries the hash of the same desired state and either has not changed since
/// this applier last wrote or saw it, or still holds every applied field (others wrote only theirs, see
/// <see cref="AppliedFields"/>); anything else re-applies, so drift on owned fields is reverted and a
/// steady state makes no writes at all. Children are read from <paramref name="cache"/> once it can tell
/// (a child it does not hold is applied without asking), and every write's answer goes back into it.
/// </summary>
/// <param name="client">The API client.</param>
/// <param name="fieldManager">The SSA field manager, e.g. <c>s1identity-operator</c>.</param>
/// <param name="cache">The watches' objects; null reads every child from the apiserver.</param>
public sealed class ChildApplier(IKubernetes client, string fieldManager, ObjectCache? cache = null)
{
    /// <summary>The annotation holding the hash of what was last applied.</summary>
    public const string HashAnnotation = "s1identity.dev/applied-hash";

    private readonly ConcurrentDictionary<string, string> _seenVersions = new();

    /// <summary>Applies <paramref name="desired"/> unless it is already in place; returns whether it wrote.</summary>
    public async Task<bool> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(desired))))[..16].ToLowerInvariant();
        desired.Metadata.Annotations ??= new Dictionary<string, string>();
        desired.Metadata.Annotations[HashAnnotation] = hash;
        var key = $"{desired.GetType().Name}/{desired.Metadata.NamespaceProperty}/{desired.Metadata.Name}";
        var current = await ReadAsync(desired, cancellationToken);
        if (current?.Metadata.Annotations?.TryGetValue(HashAnnotation, out var applied) == true && applied == hash
            && ((_seenVersions.TryGetValue(key, out var seen) && seen == current.Metadata.ResourceVersion) || AppliedFields.Hold(desired, current)))
        {
            _seenVersions[key] = current.Metadata.ResourceVersion;
            return false;
        }

        // An apply that changes nothing is not stored by the apiserver: the version stays, and so does the skip.
        var written = await PatchAsync(desired, new V1Patch(desired, V1Patch.PatchType.ApplyPatch), cancellationToken);
        cache?.Wrote(written);
        _seenVersions[key] = written.Metadata.ResourceVersion;
        return current?.Metadata.ResourceVersion != written.Metadata.ResourceVersion;
    }

    /// <summary>
    /// Creates <paramref name="desired"/> when it does not exist and never touches it again: for children
    /// whose content belongs to someone else once created (e.g. a Lease's holder). Returns whether it wrote.
    /// </summary>
    public async Task<bool> CreateOnceAsync(V1Lease desired, CancellationToken cancellationToken)
    {
        if (await ReadAsync(desired, cancellationToken) is not null)
        {
            return false;
        }

        try
        {
            cache?.Wrote(await client.CoordinationV1.CreateNamespacedLeaseAsync(
                desired, desired.Metadata.NamespaceProperty, fieldManager: fieldManager, cancellationToken: cancellationToken));
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    /// <summary>Reads the current version of <paramref name="like"/>'s object (cached when it can be); null when it does not exist.</summary>
    public async Task<IKubernetesObject<V1ObjectMeta>?> ReadAsync(IKubernetesObject<V1ObjectMeta> like, CancellationToken cancellationToken)
    {
        var (ns, name) = (like.Metadata.NamespaceProperty, like.Metadata.Name);
        if (cache?.TryGet(like.GetType(), ns, name, out var cached) == true)
        {
            return cached;
        }

        try
        {
            return like switch
            {
                V1ConfigMap => await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken),
                V1Secret => await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken),
                V1ServiceAccount => await client.CoreV1.ReadNamespacedServiceAccountAsync(name, ns, cancellationToken: cancellationToken),
                V1Service => await client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: cancellationToken),
                V1Role => await client.RbacAuthorizationV1.ReadNamespacedRoleAsync(name, ns, cancellationToken: cancellationToken),
                V1RoleBinding => await client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(name, ns, cancellationToken: cancellationToken),
                V1Deployment => await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken),
                V1NetworkPolicy => await client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(name, ns, cancellationToken: cancellationToken),
                V1Lease => await client.CoordinationV1.ReadNamespacedLeaseAsync(name, ns, cancellationToken: cancellationToken),
                _ => throw new NotSupportedException($"no SSA support for {like.GetType().Name}"),
            };
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<IKubernetesObject<V1ObjectMeta>> PatchAsync(IKubernetesObject<V1ObjectMeta> desired, V1Patch patch, CancellationToken token)
    {
        var (ns, name) = (desired.Metadata.NamespaceProperty, desired.Metadata.Name);
        return desired switch
        {
            V1ConfigMap => await client.CoreV1.PatchNamespacedConfigMapAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: token),
            V1Secret => await client.CoreV1.PatchNamespacedSecretAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: token),
            V1ServiceAccount => await client.CoreV1.PatchNamespacedServiceAccountAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: token),
            V1Service => await client.CoreV1.PatchNamespacedServiceAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: token),
            V1Role => await client.RbacAuthorizationV1.PatchNamespacedRoleAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: token),
            V1RoleBinding => await client.RbacAuthorizationV1.PatchNamespacedRoleBindingAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: token),
            V1Deployment => await client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: token),
            V1NetworkPolicy => await client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: token),
            _ => throw new NotSupportedException($"no SSA support for {desired.GetType().Name}"),
        };
    }
}
