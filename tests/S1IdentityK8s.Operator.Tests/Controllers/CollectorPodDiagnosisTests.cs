using k8s.Models;
using S1IdentityK8s.Operator.Api.V1Alpha1;
using S1IdentityK8s.Operator.Controllers.Intake;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>Why the collector pod cannot run, read from what the kubelet and the scheduler wrote: a table of named cases.</summary>
public sealed class CollectorPodDiagnosisTests
{
    private const string ConfigError = "config error: sekoia.region: expected one of FRA1, FRA2, MCO1, UAE1, USA1, SGP1";
    private const string PullError =
        "rpc error: code = NotFound desc = failed to pull and unpack image \"ghcr.io/s1identityk8s/collector:0.1.0\": not found";
    private const string Secret = "s1-token-4c1e9b27d0a8";

    // Too short to redact without hiding ordinary words: "code" stays readable in every message.
    private const string ShortValue = "ode";

    private static readonly CollectorPodProblem PullFailed = new(
        ConditionReasons.ImagePullFailed, $"cannot pull image \"{KubeletStatus.Image}\": {PullError}");

    /// <summary>Case name → (the intake's pods, the problem it shows now, the expected problem).</summary>
    private static readonly Dictionary<string, (V1Pod[] Pods, CollectorPodProblem? Shown, CollectorPodProblem? Expected)> Cases = new()
    {
        ["no-pod"] = ([], null, null),
        ["pending-without-status"] = ([Pod(new V1PodStatus { Phase = "Pending" })], null, null),
        ["creating"] = ([Pod(KubeletStatus.Creating())], null, null),
        ["running-ready"] = ([Pod(KubeletStatus.Running(ready: true))], null, null),
        ["running-not-ready-yet"] = ([Pod(KubeletStatus.Running(ready: false))], null, null),
        // Recovered after crashes: the last state stays in the status, but the container is ready.
        ["restarted-and-ready"] = ([Pod(KubeletStatus.Running(ready: true, restarts: 5, lastWords: ConfigError))], null, null),
        ["err-image-pull"] = ([Pod(KubeletStatus.Waiting("ErrImagePull", PullError))], null, PullFailed),
        // The back-off says less than the pull error before it: the shown message stays.
        ["image-pull-back-off-after-error"] = (
            [Pod(KubeletStatus.Waiting("ImagePullBackOff", $"Back-off pulling image \"{KubeletStatus.Image}\""))], PullFailed, PullFailed),
        ["image-pull-back-off-first-seen"] = (
            [Pod(KubeletStatus.Waiting("ImagePullBackOff", $"Back-off pulling image \"{KubeletStatus.Image}\""))], null,
            new(ConditionReasons.ImagePullFailed, $"cannot pull image \"{KubeletStatus.Image}\": the kubelet backs off between attempts (kubectl describe pod shows its error)")),
        // Kubernetes 1.31+ appends the pull error to the back-off's message.
        ["image-pull-back-off-with-error"] = (
            [Pod(KubeletStatus.Waiting("ImagePullBackOff", $"Back-off pulling image \"{KubeletStatus.Image}\": ErrImagePull: {PullError}"))], null, PullFailed),
        ["image-pull-back-off-of-another-image"] = (
            [Pod(KubeletStatus.Waiting("ImagePullBackOff", "Back-off pulling image \"ghcr.io/s1identityk8s/collector:0.2.0\"", "ghcr.io/s1identityk8s/collector:0.2.0"))],
            PullFailed,
            new(ConditionReasons.ImagePullFailed, "cannot pull image \"ghcr.io/s1identityk8s/collector:0.2.0\": the kubelet backs off between attempts (kubectl describe pod shows its error)")),
        ["invalid-image-name"] = (
            [Pod(KubeletStatus.Waiting("InvalidImageName", "Failed to apply default image tag \"Collector:latest\": couldn't parse image reference \"Collector:latest\": invalid reference format: repository name must be lowercase", "Collector:latest"))],
            null,
            new(ConditionReasons.ImagePullFailed, "cannot pull image \"Collector:latest\": Failed to apply default image tag \"Collector:latest\": couldn't parse image reference \"Collector:latest\": invalid reference format: repository name must be lowercase")),
        ["err-image-never-pull"] = (
            [Pod(KubeletStatus.Waiting("ErrImageNeverPull", $"Container image \"{KubeletStatus.Image}\" is not present with pull policy of Never"))], null,
            new(ConditionReasons.ImagePullFailed, $"cannot pull image \"{KubeletStatus.Image}\": Container image \"{KubeletStatus.Image}\" is not present with pull policy of Never")),
        ["crash-loop-config-error"] = (
            [Pod(KubeletStatus.CrashLooping(restarts: 3, backOff: "40s", lastWords: $"{ConfigError}\n"))], null,
            new(ConditionReasons.CrashLooping, $"the collector exits with code 2: {ConfigError}")),
        ["crash-loop-two-config-errors"] = (
            [Pod(KubeletStatus.CrashLooping(restarts: 1, backOff: "10s", lastWords: $"{ConfigError}\nconfig error: collection.pollInterval: expected a duration such as 60s\n"))], null,
            new(ConditionReasons.CrashLooping, $"the collector exits with code 2: {ConfigError}; config error: collection.pollInterval: expected a duration such as 60s")),
        // A runtime fatal error: its stderr line wins over what the host logs while it stops (a Lease hand-over).
        ["crash-loop-fatal"] = (
            [Pod(KubeletStatus.CrashLooping(restarts: 1, backOff: "10s", exitCode: 1, lastWords:
                "fatal: Cannot start collection: checkpoint file is not valid JSON\n{\"LogLevel\":\"Information\",\"Message\":\"Released the writer Lease\"}\n"))], null,
            new(ConditionReasons.CrashLooping, "the collector exits with code 1: fatal: Cannot start collection: checkpoint file is not valid JSON")),
        ["crash-loop-without-message"] = (
            [Pod(KubeletStatus.CrashLooping(restarts: 2, backOff: "20s", exitCode: 1))], null,
            new(ConditionReasons.CrashLooping, "the collector exits with code 1")),
        ["crash-loop-out-of-memory"] = (
            [Pod(KubeletStatus.CrashLooping(restarts: 2, backOff: "20s", exitCode: 137, reason: "OOMKilled"))], null,
            new(ConditionReasons.CrashLooping, "the collector exits with code 137 (OOMKilled)")),
        ["crash-loop-unhandled-exception"] = (
            [Pod(KubeletStatus.CrashLooping(restarts: 2, backOff: "20s", exitCode: 134, lastWords:
                "2026-11-02T08:00:01.123Z info: S1IdentityK8s.Collector[0] starting\nUnhandled exception. System.InvalidOperationException: no lease\n   at S1IdentityK8s.Collector.Kubernetes.WriterLease.RunAsync()\n"))], null,
            new(ConditionReasons.CrashLooping, "the collector exits with code 134: Unhandled exception. System.InvalidOperationException: no lease")),
        // Timestamps change at every restart: the message keeps the log line's text only.
        ["crash-loop-text-log"] = (
            [Pod(KubeletStatus.CrashLooping(restarts: 2, backOff: "20s", exitCode: 1, lastWords: "2026-11-02T08:00:01.123Z fail: S1IdentityK8s.Collector.Kubernetes.WriterLease[0] lost the lease\n"))], null,
            new(ConditionReasons.CrashLooping, "the collector exits with code 1: fail: S1IdentityK8s.Collector.Kubernetes.WriterLease[0] lost the lease")),
        ["crash-loop-json-log"] = (
            [Pod(KubeletStatus.CrashLooping(restarts: 2, backOff: "20s", exitCode: 1, lastWords: """{"Timestamp":"2026-11-02T08:00:01.123Z","EventId":0,"LogLevel":"Error","Category":"S1IdentityK8s.Collector","Message":"lost the lease"}"""))], null,
            new(ConditionReasons.CrashLooping, "the collector exits with code 1: lost the lease")),
        // A graceful stop logs its Lease hand-over after the fatal line: the fatal line says why.
        ["crash-loop-json-log-critical-then-information"] = (
            [Pod(KubeletStatus.CrashLooping(restarts: 2, backOff: "20s", exitCode: 1, lastWords:
                "{\"Timestamp\":\"2026-11-02T08:00:01.100Z\",\"LogLevel\":\"Critical\",\"Message\":\"Cannot start collection: damaged checkpoint\"}\n"
                + "{\"Timestamp\":\"2026-11-02T08:00:01.200Z\",\"LogLevel\":\"Information\",\"Message\":\"Released the Lease\"}\n"))], null,
            new(ConditionReasons.CrashLooping, "the collector exits with code 1: Cannot start collection: damaged checkpoint")),
        ["crash-loop-long-message"] = (
            [Pod(KubeletStatus.CrashLooping(restarts: 1, backOff: "10s", exitCode: 1, lastWords: new string('x', 3000)))], null,
            new(ConditionReasons.CrashLooping, $"the collector exits with code 1: {new string('x', CollectorPodDiagnosis.MaxDetailLength)}...")),
        ["exited-not-restarted-yet"] = (
            [Pod(KubeletStatus.Exited(2, ConfigError))], null,
            new(ConditionReasons.CrashLooping, $"the collector exits with code 2: {ConfigError}")),
        ["running-again-between-crashes"] = (
            [Pod(KubeletStatus.Running(ready: false, restarts: 4, lastWords: ConfigError))], null,
            new(ConditionReasons.CrashLooping, $"the collector exits with code 2: {ConfigError}")),
        ["unschedulable"] = (
            [Pod(KubeletStatus.Unschedulable("0/1 nodes are available: 1 node(s) didn't match node selector."))], null,
            new(ConditionReasons.Unschedulable, "the collector pod cannot be scheduled: 0/1 nodes are available: 1 node(s) didn't match node selector.")),
        ["create-container-config-error"] = (
            [Pod(KubeletStatus.Waiting("CreateContainerConfigError", "secret \"s1-token\" not found"))], null,
            new(ConditionReasons.ContainerNotStarting, "the kubelet cannot start the collector: CreateContainerConfigError: secret \"s1-token\" not found")),
        ["create-container-error-without-message"] = (
            [Pod(KubeletStatus.Waiting("CreateContainerError", null))], null,
            new(ConditionReasons.ContainerNotStarting, "the kubelet cannot start the collector: CreateContainerError")),
        ["deleted-pod-ignored"] = (
            [Pod(KubeletStatus.CrashLooping(restarts: 3, backOff: "40s", lastWords: ConfigError), created: 2, deleting: true), Pod(KubeletStatus.Creating(), created: 1)],
            null, null),
        ["evicted-pod-ignored"] = ([Pod(new V1PodStatus { Phase = "Failed", Reason = "Evicted" }, created: 2), Pod(KubeletStatus.Creating(), created: 1)], null, null),
        ["newest-pod-healthy"] = (
            [Pod(KubeletStatus.CrashLooping(restarts: 3, backOff: "40s", lastWords: ConfigError), created: 1), Pod(KubeletStatus.Running(ready: true), created: 2)], null, null),
        ["newest-pod-failing"] = (
            [Pod(KubeletStatus.Running(ready: true), created: 1), Pod(KubeletStatus.Waiting("ErrImagePull", PullError), created: 2)], null, PullFailed),
        ["secret-value-redacted"] = (
            [Pod(KubeletStatus.CrashLooping(restarts: 1, backOff: "10s", lastWords: $"config error: sentinelOne.hostname: expected host[:port], got \"{Secret}\""))], null,
            new(ConditionReasons.CrashLooping, $"the collector exits with code 2: config error: sentinelOne.hostname: expected host[:port], got \"{CollectorPodDiagnosis.Redacted}\"")),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Diagnose_KubeletStatus_GivesReasonAndMessage(string name)
    {
        var (pods, shown, expected) = Cases[name];

        Assert.Equal(expected, CollectorPodDiagnosis.Diagnose(pods, shown, [Secret, ShortValue]));
    }

    [Fact]
    public void Diagnose_SameCrashAtNextRestart_GivesSameMessage()
    {
        // The kubelet's own message and count change at every restart; the cause does not.
        var third = Pod(KubeletStatus.CrashLooping(restarts: 3, backOff: "40s", lastWords: $"{ConfigError}\n"));
        var fourth = Pod(KubeletStatus.CrashLooping(restarts: 4, backOff: "1m20s", lastWords: $"{ConfigError}\n"));
        var between = Pod(KubeletStatus.Running(ready: false, restarts: 4, lastWords: $"{ConfigError}\n"));

        var problems = new[] { third, fourth, between }.Select(p => CollectorPodDiagnosis.Diagnose([p], null, [])).ToList();

        Assert.All(problems, p => Assert.Equal(problems[0], p));
        Assert.DoesNotContain("back-off", problems[0]!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_PullErrorThenBackOffThenPullError_KeepsOneMessage()
    {
        var error = Pod(KubeletStatus.Waiting("ErrImagePull", PullError));
        var backOff = Pod(KubeletStatus.Waiting("ImagePullBackOff", $"Back-off pulling image \"{KubeletStatus.Image}\""));

        var first = CollectorPodDiagnosis.Diagnose([error], null, []);
        var second = CollectorPodDiagnosis.Diagnose([backOff], first, []);
        var third = CollectorPodDiagnosis.Diagnose([error], second, []);

        Assert.All(new[] { first, second, third }, p => Assert.Equal(PullFailed, p));
    }

    private static V1Pod Pod(V1PodStatus status, int created = 0, bool deleting = false) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"acme-collector-6d4cf56db6-{created}",
            CreationTimestamp = new DateTime(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc).AddMinutes(created),
            DeletionTimestamp = deleting ? new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc) : null,
        },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "collector", Image = KubeletStatus.Image }] },
        Status = status,
    };
}
