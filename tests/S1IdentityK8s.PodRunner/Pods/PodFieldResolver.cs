using System.Globalization;
using System.Text;
using k8s.Models;

namespace S1IdentityK8s.PodRunner.Pods;

/// <summary>
/// The downward API: the values of <c>fieldRef</c> and <c>resourceFieldRef</c> for env variables and
/// downwardAPI volume files.
/// </summary>
public static class PodFieldResolver
{
    /// <summary>Node allocatable memory the runner reports, used when a container sets no memory limit.</summary>
    public const long NodeMemoryBytes = 8L * 1024 * 1024 * 1024;

    /// <summary>The value of <paramref name="fieldPath"/>; throws <see cref="ArgumentException"/> for an unsupported one.</summary>
    public static string Field(V1Pod pod, string fieldPath, string podIp, string hostIp)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(fieldPath);
        var meta = pod.Metadata;
        return fieldPath switch
        {
            "metadata.name" => meta.Name,
            "metadata.namespace" => meta.NamespaceProperty,
            "metadata.uid" => meta.Uid,
            "metadata.labels" => Format(meta.Labels),
            "metadata.annotations" => Format(meta.Annotations),
            "spec.nodeName" => pod.Spec.NodeName ?? "",
            "spec.serviceAccountName" => pod.Spec.ServiceAccountName ?? "",
            "status.podIP" or "status.podIPs" => podIp,
            "status.hostIP" => hostIp,
            _ when Subscript(fieldPath, "metadata.labels") is { } key => Lookup(meta.Labels, key),
            _ when Subscript(fieldPath, "metadata.annotations") is { } key => Lookup(meta.Annotations, key),
            _ => throw new ArgumentException($"unsupported fieldRef '{fieldPath}'"),
        };
    }

    /// <summary>
    /// The value of a <c>resourceFieldRef</c>: the container's limit or request, the node's capacity when
    /// a limit is unset, divided by the divisor and rounded up (as the kubelet does).
    /// </summary>
    public static string Resource(V1Pod pod, string? defaultContainer, V1ResourceFieldSelector selector)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(selector);
        var name = string.IsNullOrEmpty(selector.ContainerName) ? defaultContainer : selector.ContainerName;
        var container = pod.Spec.Containers.FirstOrDefault(c => c.Name == name)
            ?? throw new ArgumentException($"resourceFieldRef names unknown container '{name}'");
        var parts = selector.Resource.Split('.', 2);
        var isCpu = parts[1] == "cpu";
        var values = parts[0] == "limits" ? container.Resources?.Limits : container.Resources?.Requests;
        decimal amount = values is not null && values.TryGetValue(parts[1], out var quantity)
            ? quantity.ToDecimal()
            : parts[0] == "limits" ? (isCpu ? Environment.ProcessorCount : NodeMemoryBytes) : 0;
        var divisor = selector.Divisor?.ToDecimal() is { } d and > 0 ? d : 1;
        return Math.Ceiling(amount / divisor).ToString(CultureInfo.InvariantCulture);
    }

    private static string? Subscript(string fieldPath, string prefix)
    {
        // metadata.labels['key'] or metadata.labels["key"]
        if (!fieldPath.StartsWith(prefix + "[", StringComparison.Ordinal) || !fieldPath.EndsWith(']'))
        {
            return null;
        }

        var inner = fieldPath[(prefix.Length + 1)..^1];
        return inner.Length >= 2 && (inner[0] == '\'' || inner[0] == '"') ? inner[1..^1] : inner;
    }

    private static string Lookup(IDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : "";

    private static string Format(IDictionary<string, string>? map)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in (map ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
            text.Append(key).Append("=\"").Append(escaped).Append("\"\n");
        }

        return text.ToString().TrimEnd('\n');
    }
}
