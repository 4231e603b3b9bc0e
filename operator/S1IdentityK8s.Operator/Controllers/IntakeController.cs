using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Collectors;
using S1IdentityK8s.Operator.Runtime;

namespace S1IdentityK8s.Operator.Controllers;

/// <summary>
/// Wires the intake reconciler to its watches: intakes, their owned children, their collector pods, and the
/// Secrets and CA bundle ConfigMaps they read.
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
        var reconciler = new IntakeReconciler(client, options, secrets, configMaps, new CollectorClient(), events, time ?? TimeProvider.System);
        const string kind = V1Alpha1SentinelOneIdentityIntake.EntityKind;
        return new EntityControllerRunner<V1Alpha1SentinelOneIdentityIntake>(client, reconciler, controllerOptions, logger)
            .Watches(ns => ResourceSources.Deployments(client, ns, IntakeNames.ManagedSelector), d => Owner(EntityKey.OwnerOf(d, kind)))
            .Watches(ns => ResourceSources.ConfigMaps(client, ns), c => configMaps.IntakesReading(EntityKey.Of(c)).Concat(Owner(EntityKey.OwnerOf(c, kind))))
            // Pods belong to the Deployment's ReplicaSet, not to the intake: their template label names it.
            // What the kubelet and the scheduler write into them is what wakes the reconcile of a pod that cannot run.
            .Watches(ns => ResourceSources.Pods(client, ns, IntakeNames.ManagedSelector), p => Owner(IntakeOf(p)))
            .Watches(ns => ResourceSources.Secrets(client, ns), s => secrets.IntakesReading(EntityKey.Of(s)).Concat(Owner(EntityKey.OwnerOf(s, kind))));
    }

    private static IEnumerable<string> Owner(string? key) => key is null ? [] : [key];

    private static string? IntakeOf(V1Pod pod) =>
        pod.Metadata.Labels?.TryGetValue(IntakeNames.IntakeLabel, out var intake) == true ? EntityKey.Of(pod.Metadata.NamespaceProperty, intake) : null;
}
