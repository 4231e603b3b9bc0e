using k8s.Models;

namespace S1IdentityK8s.ControlPlane.Tests.Node;

/// <summary>A pod under the Kubernetes "restricted" Pod Security Standard, as the chart and operator run theirs.</summary>
internal static class RestrictedPod
{
    public const long UserId = 65532;

    public static V1Pod Build(string name, string image, IList<string>? args = null, IList<V1EnvVar>? env = null,
        IList<V1Volume>? volumes = null, IList<V1VolumeMount>? mounts = null, string restartPolicy = "Always") => new()
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
            Spec = new V1PodSpec
            {
                RestartPolicy = restartPolicy,
                AutomountServiceAccountToken = false,
                SecurityContext = new V1PodSecurityContext
                {
                    RunAsNonRoot = true,
                    RunAsUser = UserId,
                    RunAsGroup = UserId,
                    FsGroup = UserId,
                    SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                },
                Containers =
            [
                new V1Container
                {
                    Name = "main",
                    Image = image,
                    ImagePullPolicy = "Never",
                    Args = args,
                    Env = env,
                    VolumeMounts = mounts,
                    Resources = new V1ResourceRequirements
                    {
                        Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi"), ["cpu"] = new("500m") },
                    },
                    SecurityContext = new V1SecurityContext
                    {
                        AllowPrivilegeEscalation = false,
                        ReadOnlyRootFilesystem = true,
                        RunAsNonRoot = true,
                        Capabilities = new V1Capabilities { Drop = ["ALL"] },
                    },
                },
            ],
                Volumes = volumes,
            },
        };
}
