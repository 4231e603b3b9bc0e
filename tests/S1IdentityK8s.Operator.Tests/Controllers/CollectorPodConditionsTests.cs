using System.Globalization;
using System.Text;
using k8s;
using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;
using S1IdentityK8s.Operator.Controllers.Intake.Children;
using S1IdentityK8s.Operator.Runtime.Events;
using S1IdentityK8s.Operator.Tests.Api;
using S1IdentityK8s.TestSupport.Kubernetes;
using Xunit.Abstractions;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>
/// What an intake says when its collector pod cannot run. The test cluster has no kubelet and no scheduler:
/// each test plays them, writing the status of the pod the Deployment's ReplicaSet created through the
/// pods/status subresource, as they would.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class CollectorPodConditionsTests(ControlPlaneFixture cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Intake = "acme";
    private const string ConfigError = "config error: sekoia.region: expected one of FRA1, FRA2, MCO1, UAE1, USA1, SGP1";
    private const string PullError =
        "rpc error: code = NotFound desc = failed to pull and unpack image \"ghcr.io/s1identityk8s/collector:0.1.0\": not found";

    private const string UnauthorizedError =
        "rpc error: code = Unknown desc = failed to pull and unpack image \"ghcr.io/s1identityk8s/collector:0.1.0\": 401 Unauthorized";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Case name → (what the kubelet or scheduler writes, the reason and message the intake must show).</summary>
    private static readonly Dictionary<string, (V1PodStatus Status, string Reason, string Message)> CannotStart = new()
    {
        ["unschedulable"] = (
            KubeletStatus.Unschedulable("0/1 nodes are available: 1 node(s) didn't match node selector."),
            ConditionReasons.Unschedulable,
            "the collector pod cannot be scheduled: 0/1 nodes are available: 1 node(s) didn't match node selector."),
        ["create-container-config-error"] = (
            KubeletStatus.Waiting("CreateContainerConfigError", "secret \"s1-token\" not found"),
            ConditionReasons.ContainerNotStarting,
            "the kubelet cannot start the collector: CreateContainerConfigError: secret \"s1-token\" not found"),
    };

    // Test credentials, new at each run: they must never show in the intake's status or its events.
    private readonly string _token = $"s1-token-{Guid.NewGuid():N}";
    private readonly string _intakeKey = $"sekoia-key-{Guid.NewGuid():N}";
    private TestNamespace? _ns;

    private string Ns => _ns!.Name;

    public async Task InitializeAsync()
    {
        _ns = await IntakeCrd.NamespaceAsync(cluster, "podstatus");
        await CreateSecretAsync("s1-token", "token", _token);
        await CreateSecretAsync("sekoia-key", "intake-key", _intakeKey);
    }

    public async Task DisposeAsync()
    {
        if (_ns is not null)
        {
            await _ns.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reconcile_CollectorCrashLooping_StalledWithExitCodeAndLastWordsThenReadyWhenItRuns()
    {
        await using var run = await StartOperatorAsync();
        var pod = await CreateIntakeAndWaitForPodAsync(run);
        // A collector bug that would echo a credential: the operator must not pass it on.
        var lastWords = $"{ConfigError}\nconfig error: sekoia.endpoint: expected an http(s) URL, got \"{_intakeKey}\"\n";
        var message = $"the collector exits with code 2: {ConfigError}; config error: sekoia.endpoint: expected an http(s) URL, got \"***\"";

        await KubeletWritesAsync(pod, KubeletStatus.CrashLooping(restarts: 3, backOff: "40s", lastWords: lastWords));

        var stalled = await WaitForIntakeAsync(i => Condition(i, ConditionTypes.Stalled)?.Status == "True", "Stalled=True");
        Assert.Equal(
            [
                (ConditionTypes.Ready, "False", ConditionReasons.CrashLooping, message),
                (ConditionTypes.Reconciling, "False", ConditionReasons.CrashLooping, "waiting for the collector pod's problem to be fixed"),
                (ConditionTypes.Stalled, "True", ConditionReasons.CrashLooping, message),
            ],
            Kstatus(stalled));
        var warning = await WaitForEventAsync(ConditionReasons.CrashLooping);
        Assert.Equal((EventRecorder.Warning, message), (warning.Type, warning.Message));

        // The kubelet restarts it and backs off longer: its count and message change, the cause does not.
        await AssertNoWriteAsync(run, stalled!, pod, KubeletStatus.CrashLooping(restarts: 4, backOff: "1m20s", lastWords: lastWords));
        Assert.Single(await EventsAsync(), e => e.Reason == ConditionReasons.CrashLooping);
        await AssertNoSecretShownAsync();

        await KubeletWritesAsync(pod, KubeletStatus.Running(ready: true, restarts: 5, lastWords: lastWords));

        var ready = await WaitForIntakeAsync(i => Condition(i, ConditionTypes.Ready)?.Status == "True", "Ready=True once the pod is ready");
        Assert.Equal(
            [
                (ConditionTypes.Ready, "True", ConditionReasons.Available),
                (ConditionTypes.Reconciling, "False", ConditionReasons.Reconciled),
                (ConditionTypes.Stalled, "False", ConditionReasons.Reconciled),
            ],
            Kstatus(ready).Select(c => (c.Type, c.Status, c.Reason)));
        Assert.Equal(EventRecorder.Normal, (await WaitForEventAsync(ConditionReasons.Available)).Type);
    }

    [Fact]
    public async Task Reconcile_ImagePullBackOffAfterErrImagePull_KeepsThePullErrorWithoutWriting()
    {
        await using var run = await StartOperatorAsync();
        var pod = await CreateIntakeAndWaitForPodAsync(run);
        var message = $"cannot pull image \"{KubeletStatus.Image}\": {PullError}";

        await KubeletWritesAsync(pod, KubeletStatus.Waiting("ErrImagePull", PullError));

        var stalled = await WaitForIntakeAsync(i => Condition(i, ConditionTypes.Stalled)?.Status == "True", "Stalled=True");
        Assert.Equal(
            [
                (ConditionTypes.Ready, "False", ConditionReasons.ImagePullFailed, message),
                (ConditionTypes.Reconciling, "False", ConditionReasons.ImagePullFailed, "waiting for the collector pod's problem to be fixed"),
                (ConditionTypes.Stalled, "True", ConditionReasons.ImagePullFailed, message),
            ],
            Kstatus(stalled));
        Assert.Equal(EventRecorder.Warning, (await WaitForEventAsync(ConditionReasons.ImagePullFailed)).Type);

        // "Back-off pulling image ..." says less than the pull error: the status keeps the error, and is not written.
        await AssertNoWriteAsync(run, stalled!, pod, KubeletStatus.Waiting("ImagePullBackOff", $"Back-off pulling image \"{KubeletStatus.Image}\""));

        // The next pull fails otherwise: only the pod changed, and the message follows it (same reason: no new event).
        await KubeletWritesAsync(pod, KubeletStatus.Waiting("ErrImagePull", UnauthorizedError));
        var changed = await WaitForIntakeAsync(i => Condition(i, ConditionTypes.Stalled)?.Message != message, "the new pull error");
        var stalledAgain = Condition(changed, ConditionTypes.Stalled)!;
        Assert.Equal(
            ("True", ConditionReasons.ImagePullFailed, $"cannot pull image \"{KubeletStatus.Image}\": {UnauthorizedError}"),
            (stalledAgain.Status, stalledAgain.Reason, stalledAgain.Message));
        await SettledAsync(run);
        Assert.Single(await EventsAsync(), e => e.Reason == ConditionReasons.ImagePullFailed);
    }

    [Theory]
    [InlineData("unschedulable")]
    [InlineData("create-container-config-error")]
    public async Task Reconcile_PodCannotStart_StalledWithSchedulerOrKubeletMessage(string name)
    {
        var (status, reason, message) = CannotStart[name];
        await using var run = await StartOperatorAsync();
        var pod = await CreateIntakeAndWaitForPodAsync(run);

        await KubeletWritesAsync(pod, status);

        var stalled = await WaitForIntakeAsync(i => Condition(i, ConditionTypes.Stalled)?.Status == "True", "Stalled=True");
        Assert.Equal(
            [
                (ConditionTypes.Ready, "False", reason, message),
                (ConditionTypes.Reconciling, "False", reason, "waiting for the collector pod's problem to be fixed"),
                (ConditionTypes.Stalled, "True", reason, message),
            ],
            Kstatus(stalled));
        var warning = await WaitForEventAsync(reason);
        Assert.Equal((EventRecorder.Warning, message), (warning.Type, warning.Message));
    }

    // Only pod events can wake these reconciles: no resync, no status poll within a test, and the
    // Deployment's status stays as it is while its pod is not ready.
    private Task<RunningOperator> StartOperatorAsync() => RunningOperator.StartAsync(cluster, options: new IntakeControllerOptions
    {
        GrpcProbes = false,
        StatusPollInterval = TimeSpan.FromHours(1),
        CollectorAddress = _ => new Uri("http://127.0.0.1:1"),
    });

    // Returns once the Deployment's rollout is done (its status stays as it is while the pod is not ready)
    // and the operator has caught up: from then on, only the pod's changes can wake a reconcile.
    private async Task<V1Pod> CreateIntakeAndWaitForPodAsync(RunningOperator run)
    {
        (await cluster.Kubectl.ApplyAsync(ValidIntake.Create(Intake).ToJsonString(), Ns)).EnsureSuccess();
        // The controller-manager's ReplicaSet creates it once the collector's ServiceAccount has its token.
        var pods = await ClusterWait.ForAsync(
            async t => await cluster.Client.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: $"{IntakeNames.IntakeLabel}={Intake}", cancellationToken: t),
            l => l!.Items.Count == 1, Patience, "the collector pod of the Deployment's ReplicaSet");
        await ClusterWait.ForAsync(
            async t => await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync($"{Intake}-collector", Ns, cancellationToken: t),
            d => d!.Status is { UpdatedReplicas: 1, UnavailableReplicas: 1 } s && s.ObservedGeneration == d.Metadata.Generation
                && s.Conditions?.Any(c => c.Type == "Available") == true,
            Patience, "the collector Deployment rolled out, unavailable");
        await WaitForIntakeAsync(i => Condition(i, ConditionTypes.Reconciling)?.Status == "True", "Reconciling=True");
        await SettledAsync(run);
        return pods!.Items[0];
    }

    private async Task SettledAsync(RunningOperator run) =>
        await ClusterWait.ForAsync(
            _ => Task.FromResult<object?>(run.SettledIn(Ns) ? run : null), done => done is not null, Patience,
            $"the operator to catch up in {Ns}");

    // What a kubelet (or the scheduler) does: replace the pod's status through pods/status.
    private async Task KubeletWritesAsync(V1Pod pod, V1PodStatus status)
    {
        var current = await cluster.Client.CoreV1.ReadNamespacedPodAsync(pod.Metadata.Name, Ns);
        current.Status = status;
        await cluster.Client.CoreV1.ReplaceNamespacedPodStatusAsync(current, pod.Metadata.Name, Ns);
    }

    // The operator processes the kubelet's write (a reconcile lists the pods after it, and ends) and writes
    // nothing: no status, no event.
    private async Task AssertNoWriteAsync(RunningOperator run, V1Alpha1SentinelOneIdentityIntake shown, V1Pod pod, V1PodStatus status)
    {
        // Caught up with its own status write first: the next reconcile can only be the pod event's.
        await SettledAsync(run);
        var reconciles = run.ReconcilesIn(Ns);
        var writes = run.WritesIn(Ns).Count;

        await KubeletWritesAsync(pod, status);
        await ClusterWait.ForAsync(
            _ => Task.FromResult<object?>(run.ReconcilesIn(Ns) > reconciles && run.Health.LongestReconcile == TimeSpan.Zero ? run : null),
            done => done is not null, Patience, "a reconcile that read the pod after the kubelet's write, and its end");

        var after = await WaitForIntakeAsync(_ => true, "the intake");
        var written = run.WritesIn(Ns).Skip(writes).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"after the kubelet's update: {run.ReconcilesIn(Ns) - reconciles} reconcile(s), {written.Count} API writes: {string.Join(", ", written)}"));
        Assert.Empty(written);
        Assert.Equal(shown.Metadata.ResourceVersion, after!.Metadata.ResourceVersion);
        Assert.Equal(Kstatus(shown), Kstatus(after));
    }

    private async Task AssertNoSecretShownAsync()
    {
        var admin = await cluster.Client.CoreV1.ReadNamespacedSecretAsync($"{Intake}-collector-admin", Ns);
        var secrets = new[] { _token, _intakeKey, Encoding.ASCII.GetString(admin.Data[CollectorMounts.AdminTokenKey]) };
        var intake = KubernetesJson.Serialize((await WaitForIntakeAsync(_ => true, "the intake"))!.Status);
        var events = string.Join('\n', (await EventsAsync()).Select(e => $"{e.Reason} {e.Message}"));

        Assert.All(secrets, secret =>
        {
            Assert.DoesNotContain(secret, intake, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, events, StringComparison.Ordinal);
        });
    }

    private static IntakeCondition? Condition(V1Alpha1SentinelOneIdentityIntake? intake, string type) =>
        intake?.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    private static List<(string? Type, string? Status, string? Reason, string? Message)> Kstatus(V1Alpha1SentinelOneIdentityIntake? intake) =>
    [
        .. new[] { ConditionTypes.Ready, ConditionTypes.Reconciling, ConditionTypes.Stalled }
            .Select(type => Condition(intake, type))
            .Select(c => (c?.Type, c?.Status, c?.Reason, c?.Message)),
    ];

    private async Task<IList<Corev1Event>> EventsAsync() =>
        (await cluster.Client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: $"involvedObject.name={Intake}")).Items
            .Where(e => e.InvolvedObject.Kind == V1Alpha1SentinelOneIdentityIntake.EntityKind).ToList();

    private async Task<Corev1Event> WaitForEventAsync(string reason)
    {
        var events = await ClusterWait.ForAsync(async _ => await EventsAsync(), l => l!.Any(e => e.Reason == reason), Patience, $"a {reason} event");
        return events!.Single(e => e.Reason == reason);
    }

    private Task<V1Alpha1SentinelOneIdentityIntake?> WaitForIntakeAsync(Func<V1Alpha1SentinelOneIdentityIntake?, bool> condition, string description) =>
        ClusterWait.ForAsync(
            async t => await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SentinelOneIdentityIntake>(
                V1Alpha1SentinelOneIdentityIntake.ApiGroup, V1Alpha1SentinelOneIdentityIntake.Version, Ns,
                V1Alpha1SentinelOneIdentityIntake.Plural, Intake, t),
            i => i is not null && condition(i), Patience, $"{description} on intake {Ns}/{Intake}");

    private async Task CreateSecretAsync(string name, string key, string value) =>
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = name }, StringData = new Dictionary<string, string> { [key] = value } }, Ns);
}
