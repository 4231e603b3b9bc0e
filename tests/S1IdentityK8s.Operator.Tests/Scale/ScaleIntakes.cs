using System.Globalization;
using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Controllers.Intake.Children;
using S1IdentityK8s.Operator.Runtime.Watch;

namespace S1IdentityK8s.Operator.Tests.Scale;

/// <summary>
/// Many intakes like the example one (each with its own two Secrets), created at once with bounded
/// concurrency; and what a plain client does to create the same objects an operator would.
/// </summary>
internal static class ScaleIntakes
{
    /// <summary>Requests in flight at once from the test's client: "at once", as a kubectl apply of many files would be.</summary>
    public const int Concurrency = 16;

    private static readonly Lazy<(V1Secret Token, V1Secret Key, V1Alpha1SentinelOneIdentityIntake Intake)> Example = new(() =>
    {
        var documents = File.ReadAllText(OperatorPaths.ExampleIntake).Split("\n---", StringSplitOptions.RemoveEmptyEntries);
        var intake = KubernetesYaml.Deserialize<V1Alpha1SentinelOneIdentityIntake>(documents[2]);
        // Backfills are asked of a running collector; none runs here.
        intake.Spec.Backfills = null;
        return (KubernetesYaml.Deserialize<V1Secret>(documents[0]), KubernetesYaml.Deserialize<V1Secret>(documents[1]), intake);
    });

    /// <summary>The name of intake number <paramref name="i"/>.</summary>
    public static string Name(int i) => string.Create(CultureInfo.InvariantCulture, $"intake-{i:D4}");

    /// <summary>Creates intake <paramref name="i"/>'s Secrets, then the intake; returns the intake as created.</summary>
    public static async Task<V1Alpha1SentinelOneIdentityIntake> CreateAsync(IKubernetes client, string ns, int i, CancellationToken cancellationToken)
    {
        var (token, key, example) = Example.Value;
        var name = Name(i);
        var intake = KubernetesJson.Deserialize<V1Alpha1SentinelOneIdentityIntake>(KubernetesJson.Serialize(example));
        intake.Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns };
        intake.Spec.SentinelOne.ApiTokenSecretRef.Name = $"{name}-s1-token";
        intake.Spec.Sekoia.IntakeKeySecretRef.Name = $"{name}-sekoia-key";
        await Task.WhenAll(
            client.CoreV1.CreateNamespacedSecretAsync(CopyOf(token, intake.Spec.SentinelOne.ApiTokenSecretRef.Name), ns, cancellationToken: cancellationToken),
            client.CoreV1.CreateNamespacedSecretAsync(CopyOf(key, intake.Spec.Sekoia.IntakeKeySecretRef.Name), ns, cancellationToken: cancellationToken));
        return await client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1SentinelOneIdentityIntake>(
            intake, V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns,
            V1Alpha1SentinelOneIdentityIntake.Plural, cancellationToken: cancellationToken);
    }

    /// <summary>Creates <paramref name="count"/> intakes with their Secrets, <see cref="Concurrency"/> at a time.</summary>
    public static Task CreateManyAsync(IKubernetes client, string ns, int count, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, token) => await CreateAsync(client, ns, i, token));

    /// <summary>
    /// The baseline: what the operator's output amounts to, made by a plain client. Each intake with its
    /// Secrets, then every child the operator would make, in the operator's stages (the pod's
    /// dependencies at once, the RoleBinding, the Deployment, then the Lease) and a status with observedGeneration, <see cref="Concurrency"/> intakes at a time.
    /// </summary>
    public static Task CreateManyWithChildrenAsync(IKubernetes client, string ns, int count, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var intake = await CreateAsync(client, ns, i, token);
                var options = new IntakeControllerOptions { GrpcProbes = false };
                IKubernetesObject<V1ObjectMeta>[] children =
                [
                    ServiceAccountBuilder.Build(intake), RoleBuilder.Build(intake),
                    ConfigMapBuilder.Config(intake), ConfigMapBuilder.Checkpoint(intake), ConfigMapBuilder.Backfills(intake),
                    AdminSecretBuilder.Build(intake, null), ServiceBuilder.Build(intake), NetworkPolicyBuilder.Build(intake),
                ];
                await Task.WhenAll(children.Select(child => CreateChildAsync(client, child, ns, token)));
                await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(RoleBindingBuilder.Build(intake), ns, cancellationToken: token);
                await client.AppsV1.CreateNamespacedDeploymentAsync(DeploymentBuilder.Build(intake, options, "baseline"), ns, cancellationToken: token);
                await client.CoordinationV1.CreateNamespacedLeaseAsync(LeaseBuilder.Build(intake), ns, cancellationToken: token);
                var status = new Dictionary<string, object?>
                {
                    ["apiVersion"] = intake.ApiVersion,
                    ["kind"] = intake.Kind,
                    ["metadata"] = new Dictionary<string, object?> { ["name"] = intake.Metadata.Name, ["namespace"] = ns },
                    ["status"] = new IntakeStatus { ObservedGeneration = intake.Metadata.Generation },
                };
                await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                    new V1Patch(status, V1Patch.PatchType.ApplyPatch), V1Alpha1SentinelOneIdentityIntake.ApiGroup,
                    V1Alpha1SentinelOneIdentityIntake.Version, ns, V1Alpha1SentinelOneIdentityIntake.Plural, intake.Metadata.Name,
                    fieldManager: "baseline", force: true, cancellationToken: token);
            });

    /// <summary>The intakes of <paramref name="ns"/> whose status has observedGeneration equal to their generation.</summary>
    public static async Task<int> ReconciledAsync(IKubernetes client, string ns, CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<EntityList<V1Alpha1SentinelOneIdentityIntake>>(
            V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, ns,
            V1Alpha1SentinelOneIdentityIntake.Plural, cancellationToken: cancellationToken);
        return list.Items.Count(i => i.Status?.ObservedGeneration is { } g && g == i.Metadata.Generation);
    }

    /// <summary>How many objects of each child kind the operator labels as its own in <paramref name="ns"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> ChildrenAsync(IKubernetes client, string ns, CancellationToken cancellationToken)
    {
        var selector = IntakeNames.ManagedSelector;
        return new Dictionary<string, int>
        {
            ["ServiceAccount"] = (await client.CoreV1.ListNamespacedServiceAccountAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items.Count,
            ["Role"] = (await client.RbacAuthorizationV1.ListNamespacedRoleAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items.Count,
            ["RoleBinding"] = (await client.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items.Count,
            ["ConfigMap"] = (await client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items.Count,
            ["Secret"] = (await client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items.Count,
            ["Service"] = (await client.CoreV1.ListNamespacedServiceAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items.Count,
            ["NetworkPolicy"] = (await client.NetworkingV1.ListNamespacedNetworkPolicyAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items.Count,
            ["Deployment"] = (await client.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items.Count,
            ["Lease"] = (await client.CoordinationV1.ListNamespacedLeaseAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items.Count,
        };
    }

    /// <summary>Children per intake, by kind: what <see cref="ChildrenAsync"/> counts for one intake.</summary>
    public static IReadOnlyDictionary<string, int> ChildrenPerIntake { get; } = new Dictionary<string, int>
    {
        ["ServiceAccount"] = 1,
        ["Role"] = 1,
        ["RoleBinding"] = 1,
        ["ConfigMap"] = 3,
        ["Secret"] = 1,
        ["Service"] = 1,
        ["NetworkPolicy"] = 1,
        ["Deployment"] = 1,
        ["Lease"] = 1,
    };

    private static V1Secret CopyOf(V1Secret example, string name) =>
        new() { ApiVersion = "v1", Kind = "Secret", Metadata = new V1ObjectMeta { Name = name }, Type = example.Type, StringData = example.StringData };

    private static Task CreateChildAsync(IKubernetes client, IKubernetesObject<V1ObjectMeta> child, string ns, CancellationToken token) => child switch
    {
        V1ServiceAccount a => client.CoreV1.CreateNamespacedServiceAccountAsync(a, ns, cancellationToken: token),
        V1Role r => client.RbacAuthorizationV1.CreateNamespacedRoleAsync(r, ns, cancellationToken: token),
        V1ConfigMap c => client.CoreV1.CreateNamespacedConfigMapAsync(c, ns, cancellationToken: token),
        V1Secret s => client.CoreV1.CreateNamespacedSecretAsync(s, ns, cancellationToken: token),
        V1Service s => client.CoreV1.CreateNamespacedServiceAsync(s, ns, cancellationToken: token),
        V1NetworkPolicy p => client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(p, ns, cancellationToken: token),
        _ => throw new NotSupportedException(child.GetType().Name),
    };
}
