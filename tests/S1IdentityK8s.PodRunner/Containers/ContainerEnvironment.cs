using System.Globalization;
using System.Text;
using k8s.Models;
using S1IdentityK8s.PodRunner.Pods;

namespace S1IdentityK8s.PodRunner.Containers;

/// <summary>
/// A container's environment, built like the kubelet's: <c>envFrom</c>, then <c>env</c> in order with
/// <c>$(VAR)</c> expansion against what is defined so far, on top of the variables every pod gets
/// (<c>KUBERNETES_SERVICE_*</c>, <c>HOSTNAME</c>) and the host's PATH, HOME and DOTNET_* so <c>dotnet</c>
/// runs. Nothing else of the runner's own environment reaches the process. Values are never logged.
/// </summary>
public sealed class ContainerEnvironment
{
    /// <summary>The host variables a process needs to run <c>dotnet</c> and tools.</summary>
    private static readonly string[] HostVariables = ["PATH", "HOME"];

    private ContainerEnvironment(IReadOnlyDictionary<string, string> containerVariables, IReadOnlyDictionary<string, string> process)
    {
        ContainerVariables = containerVariables;
        Process = process;
    }

    /// <summary>The variables the container declares (after expansion): what <c>$(VAR)</c> in command and args sees.</summary>
    public IReadOnlyDictionary<string, string> ContainerVariables { get; }

    /// <summary>The whole environment the process gets.</summary>
    public IReadOnlyDictionary<string, string> Process { get; }

    /// <summary>
    /// Builds the environment; throws <see cref="ContainerConfigException"/> when a non-optional
    /// ConfigMap, Secret or key is missing.
    /// </summary>
    public static async Task<ContainerEnvironment> BuildAsync(
        V1Pod pod, V1Container container, string podIp, string hostIp, int apiServerPort, ApiObjectReader reader,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(reader);
        var ns = pod.Metadata.NamespaceProperty;
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            var prefix = source.Prefix ?? "";
            if (source.ConfigMapRef is { } mapRef)
            {
                var map = await reader.ConfigMapAsync(ns, mapRef.Name, cancellationToken);
                if (map is null && mapRef.Optional != true)
                {
                    throw new ContainerConfigException($"configmap \"{mapRef.Name}\" not found");
                }

                foreach (var (key, value) in map?.Data ?? new Dictionary<string, string>())
                {
                    declared[prefix + key] = value;
                }
            }

            if (source.SecretRef is { } secretRef)
            {
                var secret = await reader.SecretAsync(ns, secretRef.Name, cancellationToken);
                if (secret is null && secretRef.Optional != true)
                {
                    throw new ContainerConfigException($"secret \"{secretRef.Name}\" not found");
                }

                foreach (var (key, value) in secret?.Data ?? new Dictionary<string, byte[]>())
                {
                    declared[prefix + key] = Encoding.UTF8.GetString(value);
                }
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            var value = variable.ValueFrom is { } from
                ? await ValueFromAsync(pod, container, from, podIp, hostIp, reader, cancellationToken)
                : VariableExpander.Expand(variable.Value ?? "", declared);
            if (value is not null)
            {
                declared[variable.Name] = value;
            }
        }

        var process = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in HostVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                process[name] = value;
            }
        }

        foreach (var entry in Environment.GetEnvironmentVariables().Keys.OfType<string>()
                     .Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal)))
        {
            process[entry] = Environment.GetEnvironmentVariable(entry) ?? "";
        }

        process["KUBERNETES_SERVICE_HOST"] = hostIp;
        process["KUBERNETES_SERVICE_PORT"] = apiServerPort.ToString(CultureInfo.InvariantCulture);
        process["KUBERNETES_SERVICE_PORT_HTTPS"] = process["KUBERNETES_SERVICE_PORT"];
        process["HOSTNAME"] = pod.Metadata.Name;
        foreach (var (key, value) in declared)
        {
            process[key] = value;
        }

        // The network stand-in: every pod shares the host network, so each binds its own pod IP.
        if (declared.TryGetValue("ASPNETCORE_HTTP_PORTS", out var ports) && ports.Length > 0)
        {
            process["ASPNETCORE_URLS"] = string.Join(';', ports
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => $"http://{podIp}:{p}"));
        }

        process["COLLECTOR_LISTEN_ADDRESS"] = podIp;
        return new ContainerEnvironment(declared, process);
    }

    private static async Task<string?> ValueFromAsync(
        V1Pod pod, V1Container container, V1EnvVarSource from, string podIp, string hostIp, ApiObjectReader reader,
        CancellationToken cancellationToken)
    {
        var ns = pod.Metadata.NamespaceProperty;
        if (from.FieldRef is { } field)
        {
            return PodFieldResolver.Field(pod, field.FieldPath, podIp, hostIp);
        }

        if (from.ResourceFieldRef is { } resource)
        {
            return PodFieldResolver.Resource(pod, container.Name, resource);
        }

        if (from.ConfigMapKeyRef is { } mapKey)
        {
            var map = await reader.ConfigMapAsync(ns, mapKey.Name, cancellationToken);
            if (map?.Data is { } data && data.TryGetValue(mapKey.Key, out var value))
            {
                return value;
            }

            return mapKey.Optional == true ? null
                : throw new ContainerConfigException($"configmap \"{mapKey.Name}\" has no key \"{mapKey.Key}\" (or does not exist)");
        }

        if (from.SecretKeyRef is { } secretKey)
        {
            var secret = await reader.SecretAsync(ns, secretKey.Name, cancellationToken);
            if (secret?.Data is { } data && data.TryGetValue(secretKey.Key, out var value))
            {
                return Encoding.UTF8.GetString(value);
            }

            return secretKey.Optional == true ? null
                : throw new ContainerConfigException($"secret \"{secretKey.Name}\" has no key \"{secretKey.Key}\" (or does not exist)");
        }

        return null;
    }
}
