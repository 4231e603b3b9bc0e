using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake.Children;
using S1IdentityK8s.Operator.Tests.Api;
using S1IdentityK8s.TestSupport.Kubernetes;
using Xunit.Abstractions;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>The intake controller against a real apiserver: children, spec changes, steady state, stalls.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class IntakeReconcilerTests(ControlPlaneFixture cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Intake = "acme-identity";
    // Generous: a wait ends as soon as its condition holds, and the first reconcile waits for the watches to list.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private TestNamespace? _ns;

    private string Ns => _ns!.Name;

    public async Task InitializeAsync()
    {
        _ns = await IntakeCrd.NamespaceAsync(cluster, "reconcile");
    }

    public async Task DisposeAsync()
    {
        if (_ns is not null)
        {
            await _ns.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reconcile_ExampleIntake_CreatesOwnedChildren()
    {
        await using var run = await RunningOperator.StartAsync(cluster);
        await ClusterWait.ForAsync(_ => Task.FromResult<object?>(run.Health.Synced), synced => (bool)synced!, Timeout, "the controller's watches to list");

        var clock = Stopwatch.StartNew();
        (await cluster.Kubectl.RunAsync(["apply", "-n", Ns, "-f", OperatorPaths.ExampleIntake], null)).EnsureSuccess();
        var applied = clock.Elapsed;
        // The Deployment is applied last of the children, then the Lease is created, then the status written.
        var deployment = await WaitForAsync(t => cluster.Client.AppsV1.ReadNamespacedDeploymentAsync($"{Intake}-collector", Ns, cancellationToken: t));
        var childrenAfter = clock.Elapsed;
        var intake = await WaitForIntakeAsync(i => i?.Status?.ObservedGeneration == 1);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kubectl apply returned after {applied.TotalSeconds:0.00}s; every child by {childrenAfter.TotalSeconds:0.00}s; status by {clock.Elapsed.TotalSeconds:0.00}s; {run.WritesIn(Ns).Count} API writes"));

        var children = new IKubernetesObject<V1ObjectMeta>[]
        {
            deployment!,
            await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync($"{Intake}-collector", Ns),
            await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync($"{Intake}-checkpoint", Ns),
            await cluster.Client.CoreV1.ReadNamespacedSecretAsync($"{Intake}-collector-admin", Ns),
            await cluster.Client.CoreV1.ReadNamespacedServiceAccountAsync($"{Intake}-collector", Ns),
            await cluster.Client.CoreV1.ReadNamespacedServiceAsync($"{Intake}-collector", Ns),
            await cluster.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync($"{Intake}-collector", Ns),
            await cluster.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync($"{Intake}-collector", Ns),
            await cluster.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync($"{Intake}-collector", Ns),
            await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync($"{Intake}-collector", Ns),
        };
        foreach (var child in children)
        {
            var owner = Assert.Single(child.Metadata.OwnerReferences);
            Assert.Equal((intake!.Metadata.Uid, true), (owner.Uid, owner.Controller == true));
            Assert.Equal(IntakeNames.FieldManager, child.Metadata.Labels[IntakeNames.ManagedByLabel]);
            Assert.Equal(Intake, child.Metadata.Labels[IntakeNames.IntakeLabel]);
        }

        var spec = deployment!.Spec;
        Assert.Equal((1, "Recreate"), (spec.Replicas, spec.Strategy.Type));
        var container = Assert.Single(spec.Template.Spec.Containers);
        Assert.Equal((true, false, "ALL"), (container.SecurityContext.ReadOnlyRootFilesystem, container.SecurityContext.AllowPrivilegeEscalation, container.SecurityContext.Capabilities.Drop.Single()));
        Assert.Equal((true, "RuntimeDefault"), (spec.Template.Spec.SecurityContext.RunAsNonRoot, spec.Template.Spec.SecurityContext.SeccompProfile.Type));
        Assert.Equal(IntakeNames.GrpcPort, container.ReadinessProbe.TcpSocket.Port.Value == "50051" ? IntakeNames.GrpcPort : 0);
        Assert.Equal("64Mi", container.Resources.Requests["memory"].ToString());
        Assert.True(spec.Template.Metadata.Annotations.ContainsKey(IntakeNames.SecretsHashAnnotation));
        var ready = intake!.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Ready);
        Assert.Equal(("False", ConditionReasons.Progressing), (ready.Status, ready.Reason));
    }

    [Fact]
    public async Task Reconcile_SpecChange_UpdatesConfigAndObservedGeneration()
    {
        await using var run = await RunningOperator.StartAsync(cluster);
        (await cluster.Kubectl.RunAsync(["apply", "-n", Ns, "-f", OperatorPaths.ExampleIntake], null)).EnsureSuccess();
        await WaitForIntakeAsync(i => i?.Status?.ObservedGeneration == 1);

        (await cluster.Kubectl.RunAsync("patch", "s1i", Intake, "-n", Ns, "--type=merge", "-p", """{"spec":{"sentinelOne":{"pageSize":250}}}""")).EnsureSuccess();
        var intake = await WaitForIntakeAsync(i => i?.Status?.ObservedGeneration == 2);
        var config = await WaitForAsync(
            t => cluster.Client.CoreV1.ReadNamespacedConfigMapAsync($"{Intake}-collector", Ns, cancellationToken: t),
            c => c!.Data[CollectorMounts.ConfigFile].Contains("pageSize: 250", StringComparison.Ordinal));

        Assert.Equal(2, intake!.Metadata.Generation);
        Assert.All(intake.Status!.Conditions!, c => Assert.Equal(2, c.ObservedGeneration));
        Assert.Contains("hostname: usea1-partners.sentinelone.net", config!.Data[CollectorMounts.ConfigFile], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_SteadyState_MakesNoWrites()
    {
        await using var run = await RunningOperator.StartAsync(cluster, resync: TimeSpan.FromMilliseconds(100));
        (await cluster.Kubectl.RunAsync(["apply", "-n", Ns, "-f", OperatorPaths.ExampleIntake], null)).EnsureSuccess();
        await WaitForIntakeAsync(i => i?.Status?.ObservedGeneration == 1);
        // The first reconcile's last write is its Event, after the status: count from there.
        await ClusterWait.ForAsync(
            async t => await cluster.Client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: $"involvedObject.name={Intake}", cancellationToken: t),
            l => l!.Items.Count > 0, Timeout, "the first reconcile's Event");
        var before = await ResourceVersionsAsync();
        var reconciles = ReconcileCount();
        var writes = run.WritesIn(Ns).Count;

        // Resync every 100 ms: wait for ten more reconciles of this (and any other) intake.
        await ClusterWait.ForAsync(_ => Task.FromResult<object?>(ReconcileCount()), n => (double)n! >= reconciles + 10, Timeout, "ten resync reconciles");
        var after = await ResourceVersionsAsync();
        var steadyWrites = run.WritesIn(Ns).Skip(writes).ToList();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"steady state: {steadyWrites.Count} API writes over {ReconcileCount() - reconciles} no-op reconciles (resync)"));
        Assert.Empty(steadyWrites);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Reconcile_MissingSecret_StalledNamingFieldThenRecoversWhenCreated()
    {
        await using var run = await RunningOperator.StartAsync(cluster);
        var intake = ValidIntake.Create(Intake).ToJsonString();
        (await cluster.Kubectl.ApplyAsync(intake, Ns)).EnsureSuccess();

        var stalled = await WaitForIntakeAsync(i => Condition(i, ConditionTypes.Stalled)?.Status == "True");
        var message = Condition(stalled, ConditionTypes.Stalled)!.Message;
        Assert.Equal("False", Condition(stalled, ConditionTypes.Ready)!.Status);
        Assert.Equal(ConditionReasons.SecretMissing, Condition(stalled, ConditionTypes.Stalled)!.Reason);
        Assert.Contains("spec.sentinelOne.apiTokenSecretRef: Secret \"s1-token\" not found", message, StringComparison.Ordinal);
        Assert.Contains("spec.sekoia.intakeKeySecretRef", message, StringComparison.Ordinal);
        var events = await ClusterWait.ForAsync(
            async t => await cluster.Client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: $"involvedObject.name={Intake}", cancellationToken: t),
            l => l!.Items.Any(e => e.Reason == ConditionReasons.SecretMissing), Timeout, "a SecretMissing event");
        Assert.Equal("Warning", events!.Items.First(e => e.Reason == ConditionReasons.SecretMissing).Type);

        await CreateSecretAsync("s1-token", "token");
        await CreateSecretAsync("sekoia-key", "intake-key");
        var recovered = await WaitForIntakeAsync(i => Condition(i, ConditionTypes.Stalled)?.Status == "False");
        Assert.Equal("True", Condition(recovered, ConditionTypes.Reconciling)!.Status);
        await WaitForAsync(t => cluster.Client.AppsV1.ReadNamespacedDeploymentAsync($"{Intake}-collector", Ns, cancellationToken: t));
    }

    [Fact]
    public async Task Reconcile_TokenTheCollectorWouldRefuse_StalledNamingFieldWithoutTheValue()
    {
        await using var run = await RunningOperator.StartAsync(cluster);
        await CreateSecretAsync("s1-token", "token", "s1 token pasted with a space");
        await CreateSecretAsync("sekoia-key", "intake-key");
        (await cluster.Kubectl.ApplyAsync(ValidIntake.Create(Intake).ToJsonString(), Ns)).EnsureSuccess();

        var stalled = await WaitForIntakeAsync(i => Condition(i, ConditionTypes.Stalled)?.Status == "True");

        var condition = Condition(stalled, ConditionTypes.Stalled)!;
        Assert.Equal(ConditionReasons.InvalidSpec, condition.Reason);
        Assert.Equal(
            "spec.sentinelOne.apiTokenSecretRef: Secret \"s1-token\" key \"token\" holds whitespace, control or non-ASCII characters inside the value",
            condition.Message);
        Assert.DoesNotContain("pasted", condition.Message, StringComparison.Ordinal);
        // No pod is made to crash-loop on it.
        var deployments = await cluster.Client.AppsV1.ListNamespacedDeploymentAsync(Ns);
        Assert.Empty(deployments.Items);
    }

    [Fact]
    public async Task Reconcile_SecretRotated_ChangesPodTemplateHash()
    {
        await using var run = await RunningOperator.StartAsync(cluster);
        (await cluster.Kubectl.RunAsync(["apply", "-n", Ns, "-f", OperatorPaths.ExampleIntake], null)).EnsureSuccess();
        var first = await WaitForAsync(t => cluster.Client.AppsV1.ReadNamespacedDeploymentAsync($"{Intake}-collector", Ns, cancellationToken: t));
        var hash = first!.Spec.Template.Metadata.Annotations[IntakeNames.SecretsHashAnnotation];

        (await cluster.Kubectl.RunAsync("patch", "secret", "sekoia-intake-key", "-n", Ns, "--type=merge", "-p", """{"stringData":{"intake-key":"rotated"}}""")).EnsureSuccess();

        await WaitForAsync(
            t => cluster.Client.AppsV1.ReadNamespacedDeploymentAsync($"{Intake}-collector", Ns, cancellationToken: t),
            d => d!.Spec.Template.Metadata.Annotations[IntakeNames.SecretsHashAnnotation] != hash);
    }

    private static IntakeCondition? Condition(V1Alpha1SentinelOneIdentityIntake? intake, string type) =>
        intake?.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    private static double ReconcileCount() =>
        ControllerMetricsProbe.Reconciles(nameof(V1Alpha1SentinelOneIdentityIntake));

    private async Task CreateSecretAsync(string name, string key, string value = "value") =>
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = name }, StringData = new Dictionary<string, string> { [key] = value } }, Ns);

    private Task<T?> WaitForAsync<T>(Func<CancellationToken, Task<T>> read, Func<T?, bool>? condition = null)
        where T : class =>
        ClusterWait.ForAsync(async t => (T?)await read(t), v => v is not null && (condition?.Invoke(v) ?? true), Timeout, $"{typeof(T).Name} in {Ns}");

    private Task<V1Alpha1SentinelOneIdentityIntake?> WaitForIntakeAsync(Func<V1Alpha1SentinelOneIdentityIntake?, bool> condition) =>
        WaitForAsync(
            t => cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SentinelOneIdentityIntake>(
                V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, Ns,
                V1Alpha1SentinelOneIdentityIntake.Plural, Intake, t),
            condition);

    private async Task<string> ResourceVersionsAsync()
    {
        var versions = new List<string?>
        {
            // The Deployment's status belongs to the controller-manager: its spec generation counts our writes.
            (await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync($"{Intake}-collector", Ns)).Metadata.Generation?.ToString(CultureInfo.InvariantCulture),
            (await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync($"{Intake}-collector", Ns)).Metadata.ResourceVersion,
            (await cluster.Client.CoreV1.ReadNamespacedSecretAsync($"{Intake}-collector-admin", Ns)).Metadata.ResourceVersion,
            (await cluster.Client.CoreV1.ReadNamespacedServiceAsync($"{Intake}-collector", Ns)).Metadata.ResourceVersion,
            (await cluster.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync($"{Intake}-collector", Ns)).Metadata.ResourceVersion,
            (await WaitForIntakeAsync(_ => true))!.Metadata.ResourceVersion,
        };
        return string.Join(',', versions);
    }
}
