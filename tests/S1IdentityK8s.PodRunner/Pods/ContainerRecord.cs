using k8s.Models;

namespace S1IdentityK8s.PodRunner.Pods;

/// <summary>What the runner knows of one container, turned into its <c>containerStatuses</c> entry.</summary>
public sealed class ContainerRecord(string name, string image)
{
    /// <summary>The container's name.</summary>
    public string Name { get; } = name;

    /// <summary>The image as the spec names it.</summary>
    public string Image { get; } = image;

    /// <summary>Where its code came from; empty until resolved.</summary>
    public string ImageId { get; set; } = "";

    /// <summary><c>s1k8s://PID</c> of the current or last process; null before the first start.</summary>
    public string? ContainerId { get; set; }

    /// <summary>Whether it passes its readiness probe (or runs, without one).</summary>
    public bool Ready { get; set; }

    /// <summary>Whether it passed its startup probe (or runs, without one).</summary>
    public bool Started { get; set; }

    /// <summary>How often it was restarted.</summary>
    public int RestartCount { get; set; }

    /// <summary>The current state; waiting ContainerCreating at first.</summary>
    public V1ContainerState State { get; set; } = Waiting("ContainerCreating", null);

    /// <summary>The previous process's terminated state, once there was one.</summary>
    public V1ContainerState? LastState { get; set; }

    /// <summary>Whether it ended for good with exit code 0 (init containers, restartPolicy Never/OnFailure).</summary>
    public bool Completed => State.Terminated is { ExitCode: 0 };

    /// <summary>A waiting state.</summary>
    public static V1ContainerState Waiting(string reason, string? message) =>
        new() { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } };

    /// <summary>This record as a status entry.</summary>
    public V1ContainerStatus ToStatus() => new()
    {
        Name = Name,
        Image = Image,
        ImageID = ImageId,
        ContainerID = ContainerId,
        Ready = Ready,
        Started = Started,
        RestartCount = RestartCount,
        State = State,
        LastState = LastState ?? new V1ContainerState(),
    };
}
