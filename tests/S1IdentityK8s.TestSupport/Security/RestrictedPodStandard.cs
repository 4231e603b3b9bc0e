using k8s.Models;

namespace S1IdentityK8s.TestSupport.Security;

/// <summary>
/// The Kubernetes "restricted" Pod Security Standard (latest), every control of the baseline and restricted
/// profiles, as https://kubernetes.io/docs/concepts/security/pod-security-standards/ words them. The local
/// apiserver (Debian's 1.20) predates the PodSecurity admission plugin, so the tests judge pod specs here.
/// </summary>
public static class RestrictedPodStandard
{
    private static readonly HashSet<string> AllowedVolumeKinds =
        ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

    private static readonly HashSet<string> SafeSysctls =
    [
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
    ];

    private static readonly HashSet<string> AllowedSeLinuxTypes = ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

    /// <summary>Every control <paramref name="spec"/> breaks, each naming the field and what the standard expects.</summary>
    public static IReadOnlyList<string> Violations(V1PodSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var found = new List<string>();
        PodLevel(spec, found);
        foreach (var (path, container) in Containers(spec))
        {
            ContainerLevel(spec, path, container, found);
        }

        return found;
    }

    private static void PodLevel(V1PodSpec spec, List<string> found)
    {
        Expect(spec.HostNetwork != true, "spec.hostNetwork must be unset or false", found);
        Expect(spec.HostPID != true, "spec.hostPID must be unset or false", found);
        Expect(spec.HostIPC != true, "spec.hostIPC must be unset or false", found);
        var pod = spec.SecurityContext;
        Expect(pod?.WindowsOptions?.HostProcess != true, "spec.securityContext.windowsOptions.hostProcess must be unset or false", found);
        Expect(pod?.RunAsUser != 0, "spec.securityContext.runAsUser must not be 0", found);
        SeLinux(pod?.SeLinuxOptions, "spec.securityContext.seLinuxOptions", found);
        Expect(pod?.SeccompProfile?.Type is null or "RuntimeDefault" or "Localhost",
            "spec.securityContext.seccompProfile.type must be RuntimeDefault or Localhost", found);
        foreach (var sysctl in pod?.Sysctls ?? [])
        {
            Expect(SafeSysctls.Contains(sysctl.Name), $"spec.securityContext.sysctls: {sysctl.Name} is not a safe sysctl", found);
        }

        foreach (var volume in spec.Volumes ?? [])
        {
            var kind = VolumeKind(volume);
            Expect(AllowedVolumeKinds.Contains(kind),
                $"spec.volumes[{volume.Name}]: {kind} volumes are not allowed (only {string.Join(", ", AllowedVolumeKinds)})", found);
        }
    }

    private static void ContainerLevel(V1PodSpec spec, string path, V1Container container, List<string> found)
    {
        var pod = spec.SecurityContext;
        var own = container.SecurityContext;
        Expect(own?.Privileged != true, $"{path}.securityContext.privileged must be unset or false", found);
        Expect(own?.WindowsOptions?.HostProcess != true, $"{path}.securityContext.windowsOptions.hostProcess must be unset or false", found);
        Expect(own?.AllowPrivilegeEscalation == false, $"{path}.securityContext.allowPrivilegeEscalation must be false", found);
        Expect(own?.RunAsNonRoot == true || (own?.RunAsNonRoot is null && pod?.RunAsNonRoot == true),
            $"{path}.securityContext.runAsNonRoot (or the pod's) must be true", found);
        Expect(own?.RunAsUser != 0, $"{path}.securityContext.runAsUser must not be 0", found);
        var seccomp = own?.SeccompProfile?.Type ?? pod?.SeccompProfile?.Type;
        Expect(seccomp is "RuntimeDefault" or "Localhost",
            $"{path}.securityContext.seccompProfile.type (or the pod's) must be RuntimeDefault or Localhost", found);
        Expect(own?.ProcMount is null or "Default", $"{path}.securityContext.procMount must be unset or Default", found);
        SeLinux(own?.SeLinuxOptions, $"{path}.securityContext.seLinuxOptions", found);
        Expect(own?.Capabilities?.Drop?.Contains("ALL") == true, $"{path}.securityContext.capabilities.drop must include ALL", found);
        foreach (var added in own?.Capabilities?.Add ?? [])
        {
            Expect(added == "NET_BIND_SERVICE", $"{path}.securityContext.capabilities.add: {added} (only NET_BIND_SERVICE may be added)", found);
        }

        foreach (var port in container.Ports ?? [])
        {
            Expect(port.HostPort is null or 0, $"{path}.ports[{port.ContainerPort}].hostPort must be unset or 0", found);
        }
    }

    private static void SeLinux(V1SELinuxOptions? options, string path, List<string> found)
    {
        if (options is null)
        {
            return;
        }

        Expect(AllowedSeLinuxTypes.Contains(options.Type ?? ""), $"{path}.type must be unset or a container type", found);
        Expect(string.IsNullOrEmpty(options.User), $"{path}.user must be unset", found);
        Expect(string.IsNullOrEmpty(options.Role), $"{path}.role must be unset", found);
    }

    private static IEnumerable<(string Path, V1Container Container)> Containers(V1PodSpec spec) =>
        (spec.InitContainers ?? []).Select(c => ($"spec.initContainers[{c.Name}]", c))
            .Concat((spec.Containers ?? []).Select(c => ($"spec.containers[{c.Name}]", c)));

    // The volume's source is the one field set besides its name (the API allows exactly one).
    private static string VolumeKind(V1Volume volume) =>
        volume switch
        {
            { ConfigMap: not null } => "configMap",
            { Csi: not null } => "csi",
            { DownwardAPI: not null } => "downwardAPI",
            { EmptyDir: not null } => "emptyDir",
            { Ephemeral: not null } => "ephemeral",
            { PersistentVolumeClaim: not null } => "persistentVolumeClaim",
            { Projected: not null } => "projected",
            { Secret: not null } => "secret",
            { HostPath: not null } => "hostPath",
            _ => "other",
        };

    private static void Expect(bool holds, string violation, List<string> found)
    {
        if (!holds)
        {
            found.Add(violation);
        }
    }
}
