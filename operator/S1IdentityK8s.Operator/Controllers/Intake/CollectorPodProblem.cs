namespace S1IdentityK8s.Operator.Controllers.Intake;

/// <summary>Why the collector pod cannot run, as the intake's Ready and Stalled conditions show it.</summary>
/// <param name="Reason">A pod reason of <see cref="Api.V1Alpha1.ConditionReasons"/>, e.g. <c>CrashLooping</c>.</param>
/// <param name="Message">What the kubelet or the scheduler said, worded to stay the same while the cause does.</param>
public sealed record CollectorPodProblem(string Reason, string Message);
