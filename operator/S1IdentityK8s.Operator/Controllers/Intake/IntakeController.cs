using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Collectors;
using S1IdentityK8s.Operator.Runtime.Controllers;
using S1IdentityK8s.Operator.Runtime.Events;
using S1IdentityK8s.Operator.Runtime.Watch;

namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>
/// Wires the intake reconciler to its watches: intakes, their owned children (every kind, so that the
/// reconciler reads them all from the cache and a child's drift wakes its intake), their collector pods,
/// and the Secrets and CA bundle ConfigMaps they read.
/// </summary>
public static class IntakeController
{
    /// <summary>A runner for intakes in <paramref name="controllerOptions"/>' namespaces (every namespace by default).</summary>
    public static EntityControllerRunner<V1Alpha1SentinelOneIdentityIntake> Create(
        IKubernetes client, IntakeControllerOptions options, ControllerOptions controllerOptions, ILogger logger, TimeProvider? time = null)
    {
        var secrets = new ReferencedObjects();
        var configMaps = new ReferencedObjects();
        var events = new EventRecorder(client, IntakeNames.FieldManager, logger);
        var cache = new ObjectCache();
        var reconciler = new IntakeReconciler(client, options, secrets, configMaps, new CollectorClient(), events, time ?? TimeProvider.System, cache);
        const string kind = V1Alpha1SentinelOneIdentityIntake.EntityKind;
        var managed = IntakeNames.ManagedSelector;
        return new EntityControllerRunner<V1Alpha1SentinelOneIdentityIntake>(client, reconciler, controllerOptions, logger, cache)
            .Watches(ns => ResourceSources.Deployments(client, ns, managed), d => Owner(EntityKey.OwnerOf(d, kind)))
            .Watches(ns => ResourceSources.ServiceAccounts(client, ns, managed), a => Owner(EntityKey.OwnerOf(a, kind)))
            .Watches(ns => ResourceSources.Services(client, ns, managed), s => Owner(EntityKey.OwnerOf(s, kind)))
            .Watches(ns => ResourceSources.Roles(client, ns, managed), r => Owner(EntityKey.OwnerOf(r, kind)))
            .Watches(ns => ResourceSources.RoleBindings(client, ns, managed), b => Owner(EntityKey.OwnerOf(b, kind)))
            .Watches(ns => ResourceSources.NetworkPolicies(client, ns, managed), p => Owner(EntityKey.OwnerOf(p, kind)))
            // Cached only: the collector renews its Lease every few seconds, which is no reason to reconcile.
            .Watches(ns => ResourceSources.Leases(client, ns, managed), _ => [])
            .Watches(ns => ResourceSources.ConfigMaps(client, ns), c => configMaps.IntakesReading(EntityKey.Of(c)).Concat(Owner(EntityKey.OwnerOf(c, kind))))
            // Pods belong to the Deployment's ReplicaSet, not to the intake: their template label names it.
            // What the kubelet and the scheduler write into them is what wakes the reconcile of a pod that cannot run.
            .Watches(ns => ResourceSources.Pods(client, ns, managed), p => Owner(IntakeOf(p)))
            .Watches(ns => ResourceSources.Secrets(client, ns), s => secrets.IntakesReading(EntityKey.Of(s)).Concat(Owner(EntityKey.OwnerOf(s, kind))));
    }

    private static IEnumerable<string> Owner(string? key) => key is null ? [] : [key];

    private static string? IntakeOf(V1Pod pod) =>
        pod.Metadata.Labels?.TryGetValue(IntakeNames.IntakeLabel, out var intake) == true ? EntityKey.Of(pod.Metadata.NamespaceProperty, intake) : null;
}
