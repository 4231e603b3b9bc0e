using System.Text.RegularExpressions;

namespace S1IdentityK8s.Collector.Configuration;

/// <summary>Reads the optional <c>kubernetes</c> section.</summary>
internal static partial class KubernetesSectionReader
{
    private const string ObjectName = "a Kubernetes object name (lower-case letters, digits, '-' and '.', at most 253 characters)";

    /// <summary>The section's options, or null when the document has no <c>kubernetes</c> section.</summary>
    public static KubernetesOptions? Read(YamlSection root, ConfigPaths paths, IReadOnlyDictionary<string, string?> environment)
    {
        if (root.Value("kubernetes") is null)
        {
            return null;
        }
        var section = root.Section("kubernetes");
        var ns = Name(section, "namespace", required: true);
        var checkpoint = Name(section, "checkpointConfigMap", required: true);
        var lease = Name(section, "leaseName", required: false) ?? (checkpoint is null ? null : $"{checkpoint}-writer");
        var pod = environment.GetValueOrDefault("POD_NAME");
        var identity = section.OptionalText("identity") ?? (string.IsNullOrEmpty(pod) ? Environment.MachineName : pod);
        var kubeconfig = paths.Resolve(section.OptionalText("kubeconfig"));
        var owner = Owner(section);
        section.ReportUnknownKeys();
        return ns is null || checkpoint is null || lease is null
            ? null
            : new KubernetesOptions
            {
                Namespace = ns,
                CheckpointConfigMap = checkpoint,
                LeaseName = lease,
                Identity = identity,
                Kubeconfig = kubeconfig,
                Owner = owner,
            };
    }

    private static OwnerReferenceOptions? Owner(YamlSection parent)
    {
        if (parent.Value("owner") is null)
        {
            return null;
        }
        var section = parent.Section("owner");
        var apiVersion = section.Text("apiVersion", "", "an API version such as s1identity.dev/v1alpha1");
        var kind = section.Text("kind", "", "a kind such as SentinelOneIdentityIntake");
        var name = section.Text("name", "", ObjectName);
        var uid = section.Text("uid", "", "the owner's uid");
        section.ReportUnknownKeys();
        return apiVersion.Length == 0 || kind.Length == 0 || name.Length == 0 || uid.Length == 0
            ? Missing(section)
            : new OwnerReferenceOptions(apiVersion, kind, name, uid);
    }

    private static OwnerReferenceOptions? Missing(YamlSection section)
    {
        section.Errors.Expected(section.Path, "apiVersion, kind, name and uid", "an incomplete owner reference");
        return null;
    }

    private static string? Name(YamlSection section, string key, bool required)
    {
        var text = section.OptionalText(key);
        if (text is null)
        {
            if (required)
            {
                section.Errors.Expected(section.KeyPath(key), ObjectName, "nothing");
            }
            return null;
        }
        if (text.Length > 253 || !DnsSubdomain().IsMatch(text))
        {
            section.Errors.Expected(section.KeyPath(key), ObjectName, $"'{text}'");
            return null;
        }
        return text;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex DnsSubdomain();
}
