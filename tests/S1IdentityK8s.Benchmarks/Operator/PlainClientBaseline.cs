using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Controllers.Intake.Children;

namespace S1IdentityK8s.Benchmarks.Operator;

/// <summary>
/// The baseline of the operator-at-scale figure: a plain client doing by itself what the operator does for
/// each intake. It creates the intake, then the very objects the operator would (built by the operator's own
/// builders: ServiceAccount, Role, RoleBinding, three ConfigMaps, the admin Secret, Service, NetworkPolicy,
/// Deployment, Lease), then writes the status the operator writes first (observedGeneration and conditions):
/// 13 writes per intake, no reads, <c>concurrency</c> intakes at a time.
/// </summary>
public static class PlainClientBaseline
{
    /// <summary>Objects written per intake.</summary>
    public const int WritesPerIntake = 13;

    /// <summary>Does it for <paramref name="count"/> intakes in <paramref name="ns"/>.</summary>
    public static Task RunAsync(IKubernetes client, string ns, int count, int concurrency, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var intake = await client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1SentinelOneIdentityIntake>(
                    IntakeObjects.Manifest(index), V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns,
                    V1Alpha1SentinelOneIdentityIntake.Plural, cancellationToken: token);
                var options = new IntakeControllerOptions { GrpcProbes = false };
                await client.CoreV1.CreateNamespacedServiceAccountAsync(ServiceAccountBuilder.Build(intake), ns, cancellationToken: token);
                await client.RbacAuthorizationV1.CreateNamespacedRoleAsync(RoleBuilder.Build(intake), ns, cancellationToken: token);
                await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(RoleBindingBuilder.Build(intake), ns, cancellationToken: token);
                await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMapBuilder.Config(intake), ns, cancellationToken: token);
                await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMapBuilder.Checkpoint(intake), ns, cancellationToken: token);
                await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMapBuilder.Backfills(intake), ns, cancellationToken: token);
                await client.CoreV1.CreateNamespacedSecretAsync(AdminSecretBuilder.Build(intake, null), ns, cancellationToken: token);
                await client.CoreV1.CreateNamespacedServiceAsync(ServiceBuilder.Build(intake), ns, cancellationToken: token);
                await client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(NetworkPolicyBuilder.Build(intake), ns, cancellationToken: token);
                await client.AppsV1.CreateNamespacedDeploymentAsync(DeploymentBuilder.Build(intake, options, "0123456789abcdef"), ns, cancellationToken: token);
                await client.CoordinationV1.CreateNamespacedLeaseAsync(LeaseBuilder.Build(intake), ns, cancellationToken: token);
                var generation = intake.Metadata.Generation ?? 1;
                var status = new JsonObject
                {
                    ["status"] = JsonNode.Parse(KubernetesJson.Serialize(new IntakeStatus
                    {
                        ObservedGeneration = generation,
                        Conditions = IntakeConditions.Applied(null, generation, false, null, DateTime.UtcNow),
                    })),
                };
                await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch(status, V1Patch.PatchType.MergePatch),
                    V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns, V1Alpha1SentinelOneIdentityIntake.Plural,
                    intake.Metadata.Name, cancellationToken: token);
            });
}
