using k8s.Models;

namespace S1IdentityK8s.Operator.Controllers.Intake.Children;

/// <summary>The restricted pod security the collector runs with (Kubernetes' "restricted" profile).</summary>
public static class CollectorPodSecurity
{
    /// <summary>The collector image's non-root user and group.</summary>
    public const long UserId = 65532;

    /// <summary>Pod level: non-root, seccomp RuntimeDefault, volumes owned by the collector's group.</summary>
    public static V1PodSecurityContext Pod() => new()
    {
        RunAsNonRoot = true,
        RunAsUser = UserId,
        RunAsGroup = UserId,
        FsGroup = UserId,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>Container level: read-only root filesystem, no privilege escalation, every capability dropped.</summary>
    public static V1SecurityContext Container() => new()
    {
        RunAsNonRoot = true,
        ReadOnlyRootFilesystem = true,
        AllowPrivilegeEscalation = false,
        Privileged = false,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>Requests and limits when the intake sets none: 50m CPU and 64Mi requested, 256Mi limit.</summary>
    public static V1ResourceRequirements DefaultResources() => new()
    {
        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("64Mi") },
        Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") },
    };
}
