using k8s.Models;

namespace S1IdentityK8s.Operator.Tests.Controllers;

/// <summary>
/// Pod statuses as a kubelet or the scheduler writes them for the collector container, for the diagnosis's
/// table tests and for the tests that play the kubelet against the apiserver (which has none).
/// </summary>
internal static class KubeletStatus
{
    /// <summary>The collector image every case pulls.</summary>
    public const string Image = "ghcr.io/s1identityk8s/collector:0.1.0";

    /// <summary>What the kubelet reports while it pulls and creates the container.</summary>
    public static V1PodStatus Creating() => Pod("Pending", ready: false, Container(Waiting("ContainerCreating", null), restarts: 0));

    /// <summary>
    /// The container exited with <paramref name="exitCode"/> after printing <paramref name="lastWords"/>
    /// (its termination message) and the kubelet waits <paramref name="backOff"/> before restart number
    /// <paramref name="restarts"/> + 1.
    /// </summary>
    public static V1PodStatus CrashLooping(int restarts, string backOff, int exitCode = 2, string? lastWords = null, string reason = "Error") =>
        Pod("Running", ready: false, Container(
            Waiting("CrashLoopBackOff", $"back-off {backOff} restarting failed container=collector pod=acme-collector-6d4cf56db6-x7k2p_soc(0d3b5c7e)"),
            restarts,
            new V1ContainerState { Terminated = Exit(exitCode, lastWords, reason, restarts) }));

    /// <summary>The container runs again after <paramref name="restarts"/> restarts, the last after exiting with <paramref name="lastExitCode"/>.</summary>
    public static V1PodStatus Running(bool ready, int restarts = 0, int lastExitCode = 2, string? lastWords = null)
    {
        var last = restarts == 0 ? null : new V1ContainerState { Terminated = Exit(lastExitCode, lastWords, "Error", restarts) };
        var container = Container(new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = At(restarts) } }, restarts, last);
        container.Ready = ready;
        container.Started = true;
        return Pod("Running", ready, container);
    }

    /// <summary>The container exited with <paramref name="exitCode"/> and was not restarted yet.</summary>
    public static V1PodStatus Exited(int exitCode, string? lastWords) =>
        Pod("Running", ready: false, Container(new V1ContainerState { Terminated = Exit(exitCode, lastWords, "Error", 0) }, restarts: 0));

    /// <summary>The container waits with <paramref name="reason"/> and <paramref name="message"/> (an image pull or a creation failure).</summary>
    public static V1PodStatus Waiting(string reason, string? message, string image = Image)
    {
        var container = Container(Waiting(reason, message), restarts: 0);
        container.Image = image;
        return Pod("Pending", ready: false, container);
    }

    /// <summary>The scheduler found no node: PodScheduled=False, reason Unschedulable.</summary>
    public static V1PodStatus Unschedulable(string message) => new()
    {
        Phase = "Pending",
        Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = message, LastTransitionTime = At(0) }],
    };

    private static V1PodStatus Pod(string phase, bool ready, V1ContainerStatus container)
    {
        var readiness = ready ? "True" : "False";
        var reason = ready ? null : "ContainersNotReady";
        return new V1PodStatus
        {
            Phase = phase,
            HostIP = "10.0.0.10",
            PodIP = phase == "Running" ? "10.244.0.17" : null,
            StartTime = At(0),
            Conditions =
            [
                new V1PodCondition { Type = "Initialized", Status = "True", LastTransitionTime = At(0) },
                new V1PodCondition { Type = "Ready", Status = readiness, Reason = reason, LastTransitionTime = DateTime.UtcNow },
                new V1PodCondition { Type = "ContainersReady", Status = readiness, Reason = reason, LastTransitionTime = DateTime.UtcNow },
                new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = At(0) },
            ],
            ContainerStatuses = [container],
        };
    }

    private static V1ContainerStatus Container(V1ContainerState state, int restarts, V1ContainerState? last = null) => new()
    {
        Name = "collector",
        Image = Image,
        ImageID = "",
        Ready = false,
        Started = false,
        RestartCount = restarts,
        State = state,
        LastState = last ?? new V1ContainerState(),
    };

    private static V1ContainerState Waiting(string reason, string? message) =>
        new() { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } };

    private static V1ContainerStateTerminated Exit(int exitCode, string? message, string reason, int restart) => new()
    {
        ExitCode = exitCode,
        Reason = reason,
        Message = message,
        StartedAt = At(restart),
        FinishedAt = At(restart).AddSeconds(1),
        ContainerID = $"containerd://{restart:x64}",
    };

    // Each restart a little later than the last, as a kubelet's timestamps are.
    private static DateTime At(int restart) => new DateTime(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc).AddMinutes(restart);
}
