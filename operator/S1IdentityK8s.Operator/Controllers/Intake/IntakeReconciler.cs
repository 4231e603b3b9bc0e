using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Collectors;
using S1IdentityK8s.Operator.Controllers.Intake.Children;
using S1IdentityK8s.Operator.Runtime.Apply;
using S1IdentityK8s.Operator.Runtime.Controllers;
using S1IdentityK8s.Operator.Runtime.Events;
using S1IdentityK8s.Operator.Runtime.Queue;
using S1IdentityK8s.Operator.Runtime.Status;
using S1IdentityK8s.Operator.Runtime.Watch;

namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>
/// Level-based reconcile of an intake: check what the schema cannot, server-side apply every child with
/// the intake as controller owner, then write Ready/Reconciling/Stalled to the status when they changed.
/// Everything it reads comes from the watches' <see cref="ObjectCache"/> once they have listed: a reconcile
/// that changes nothing sends no request at all.
/// </summary>
public sealed class IntakeReconciler(
    IKubernetes client, IntakeControllerOptions options, ReferencedObjects referencedSecrets, ReferencedObjects referencedConfigMaps,
    CollectorClient collectors, EventRecorder events, TimeProvider time, ObjectCache? cache = null)
    : IEntityController<V1Alpha1SentinelOneIdentityIntake>
{
    private readonly ChildApplier _children = new(client, IntakeNames.FieldManager, cache);
    private readonly StatusWriter _status = new(client, IntakeNames.FieldManager, cache);
    private readonly SpecValidator _validator = new(client, cache);

    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(V1Alpha1SentinelOneIdentityIntake entity, CancellationToken cancellationToken)
    {
        var ns = entity.Metadata.NamespaceProperty;
        referencedSecrets.Set(EntityKey.Of(entity), ReferencedObjects.Keys(
            ns, entity.Spec.SentinelOne.ApiTokenSecretRef.Name, entity.Spec.Sekoia.IntakeKeySecretRef.Name));
        referencedConfigMaps.Set(EntityKey.Of(entity), ReferencedObjects.Keys(ns, entity.Spec.Tls?.CaBundleRef.Name));
        var generation = entity.Metadata.Generation ?? 0;
        var now = time.GetUtcNow().UtcDateTime;
        var (problems, secrets, caBundle) = await _validator.ValidateAsync(entity, cancellationToken);
        if (problems.Count > 0)
        {
            await WriteStatusAsync(entity, IntakeConditions.Stalled(entity.Status?.Conditions, generation, problems, now), cancellationToken);
            return ReconcileResult.After(options.StalledRetry);
        }

        var admin = AdminSecretBuilder.Build(entity, (V1Secret?)await _children.ReadAsync(AdminSecretBuilder.Build(entity, null), cancellationToken));
        SpecProblem? rejected = null;
        foreach (var stage in DesiredChildren(entity, admin, ReferencesHash(secrets, caBundle)))
        {
            rejected = (await Task.WhenAll(stage.Select(child => ApplyChildAsync(child, cancellationToken)))).FirstOrDefault(p => p is not null);
            if (rejected is not null)
            {
                break;
            }
        }

        if (rejected is not null)
        {
            await WriteStatusAsync(entity, IntakeConditions.Stalled(entity.Status?.Conditions, generation, [rejected], now), cancellationToken);
            return ReconcileResult.After(options.StalledRetry);
        }

        await _children.CreateOnceAsync(LeaseBuilder.Build(entity), cancellationToken);

        var deployment = (V1Deployment?)await _children.ReadAsync(DeploymentBuilder.Build(entity, options, ""), cancellationToken);
        // Rolled out: the current template has its pod (Recreate: the previous pod is gone), so what is wrong
        // with the pod is wrong with the current spec, not with the one being replaced.
        var rolledOut = deployment?.Status is { } s && (s.UpdatedReplicas ?? 0) >= 1 && s.ObservedGeneration >= deployment.Metadata.Generation;
        var available = rolledOut && (deployment!.Status.AvailableReplicas ?? 0) >= 1;
        var pods = CollectorPods.Select(cache?.List<V1Pod>(entity.Metadata.NamespaceProperty), entity)
            ?? await CollectorPods.ListAsync(client, entity, cancellationToken);
        var adminToken = Encoding.ASCII.GetString(admin.Data[CollectorMounts.AdminTokenKey]);
        var podProblem = available || !rolledOut ? null : CollectorPodDiagnosis.Diagnose(pods, ShownProblem(entity), SecretValues([.. secrets, admin]));
        var conditions = IntakeConditions.Applied(entity.Status?.Conditions, generation, available, podProblem, now);
        var collector = await CollectorReport.ReadAndStartBackfillsAsync(pods, collectors, options, entity, adminToken, cancellationToken);
        if (collector is not null)
        {
            conditions = IntakeConditions.Merge(conditions, generation, now, CollectorStatusMapper.Conditions(collector.Value.Status, entity.Spec, now));
        }

        await WriteStatusAsync(entity, conditions, cancellationToken, collector);
        return deployment is null ? ReconcileResult.Done : ReconcileResult.After(options.StatusPollInterval);
    }

    // Only what the schema leaves open (Kubernetes-typed collector fields) can make a child invalid.
    private async Task<SpecProblem?> ApplyChildAsync(IKubernetesObject<V1ObjectMeta> child, CancellationToken cancellationToken)
    {
        try
        {
            await _children.ApplyAsync(child, cancellationToken);
            return null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            return new SpecProblem(ConditionReasons.ApplyFailed, "spec.collector", $"{child.Kind} rejected: {RejectionMessage(e)}");
        }
    }

    /// <inheritdoc />
    public Task DeletedAsync(string namespaceName, string name, CancellationToken cancellationToken)
    {
        // Children carry the intake as owner: the garbage collector removes them.
        referencedSecrets.Remove(EntityKey.Of(namespaceName, name));
        referencedConfigMaps.Remove(EntityKey.Of(namespaceName, name));
        IntakeMetrics.Forget(namespaceName, name);
        return Task.CompletedTask;
    }

    // In stages, each applied at once: a RoleBinding needs its Role (the apiserver checks the operator holds
    // what it grants), and a pod created before its ServiceAccount, ConfigMaps or grants would wait or fail
    // (the ReplicaSet controller retries with backoff), so the Deployment comes last.
    private IKubernetesObject<V1ObjectMeta>[][] DesiredChildren(
        V1Alpha1SentinelOneIdentityIntake intake, V1Secret admin, string referencesHash) =>
    [
        [
            ServiceAccountBuilder.Build(intake),
            RoleBuilder.Build(intake),
            ConfigMapBuilder.Config(intake),
            ConfigMapBuilder.Checkpoint(intake),
            ConfigMapBuilder.Backfills(intake),
            admin,
            ServiceBuilder.Build(intake),
            NetworkPolicyBuilder.Build(intake),
        ],
        [RoleBindingBuilder.Build(intake)],
        [DeploymentBuilder.Build(intake, options, referencesHash)],
    ];

    // The pod problem the intake shows now: Stalled=True with one of the pod reasons.
    private static CollectorPodProblem? ShownProblem(V1Alpha1SentinelOneIdentityIntake entity) =>
        entity.Status?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Stalled) is { Status: "True", Reason: { } reason, Message: { } message }
            ? new CollectorPodProblem(reason, message)
            : null;

    // Every value of the Secrets the collector reads, as stored and as read from a file (trimmed): defence
    // in depth, since a pod's messages come from the kubelet, the scheduler and the collector's last words.
    private static string[] SecretValues(IEnumerable<V1Secret> secrets) =>
    [
        .. secrets.SelectMany(s => s.Data?.Values ?? []).Select(v => Encoding.UTF8.GetString(v))
            .SelectMany(v => new[] { v, v.Trim() }).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal),
    ];

    private static string RejectionMessage(HttpOperationException e)
    {
        try
        {
            return KubernetesJson.Deserialize<V1Status>(e.Response.Content).Message ?? e.Message;
        }
        catch (JsonException)
        {
            return e.Message;
        }
    }

    // The resourceVersion changes with every write of a Secret or ConfigMap: hashing them rolls the pod on
    // rotation. The CA bundle comes last, so an intake without one keeps the hash it always had.
    private static string ReferencesHash(IEnumerable<V1Secret> secrets, V1ConfigMap? caBundle)
    {
        var versions = string.Join(',', secrets.Select(s => $"{s.Metadata.Name}={s.Metadata.ResourceVersion}").Order(StringComparer.Ordinal)
            .Concat(caBundle is null ? [] : [$"configmap/{caBundle.Metadata.Name}={caBundle.Metadata.ResourceVersion}"]));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(versions)))[..16].ToLowerInvariant();
    }

    // Without a fresh collector report the last known figures stay: the status says what was last seen.
    private async Task<bool> WriteStatusAsync(
        V1Alpha1SentinelOneIdentityIntake entity, List<IntakeCondition> conditions, CancellationToken cancellationToken, CollectorReport? collector = null)
    {
        IntakeMetrics.Record(entity, conditions);
        var current = ShownStatus.Of(entity.Status);
        var desired = new IntakeStatus
        {
            ObservedGeneration = entity.Metadata.Generation,
            Conditions = conditions,
            Checkpoint = collector is { } c ? CollectorStatusMapper.Checkpoint(c.Status) : current?.Checkpoint,
            LagSeconds = collector is { } l ? (long)Math.Round(l.Status.LagSeconds) : current?.LagSeconds,
            ForwardedTotal = collector is { } f ? f.Status.AlertsForwardedTotal : current?.ForwardedTotal,
            DeadLetteredTotal = collector is { } d ? d.Status.AlertsDeadLetteredTotal : current?.DeadLetteredTotal,
            Backfills = collector is { } b ? CollectorStatusMapper.Backfills(entity.Spec, b.Backfills) : current?.Backfills,
        };
        if (current is not null && collector is not null && !ProgressResolution.LagMoved(
            current.LagSeconds, desired.LagSeconds!.Value, ProgressResolution.Of(entity.Spec, current.LagSeconds))
            && StatusWriter.Same(current, ShownStatus.WithProgressOf(desired, current)))
        {
            // Only the moving figures moved, and by less than the resolution: steady state writes nothing.
            return false;
        }

        if (!await _status.ApplyAsync(entity, current, desired, cancellationToken))
        {
            return false;
        }

        foreach (var (type, reason, message) in IntakeConditions.Events(current?.Conditions, conditions))
        {
            await events.RecordAsync(entity, type, reason, message, cancellationToken);
        }

        return true;
    }
}
