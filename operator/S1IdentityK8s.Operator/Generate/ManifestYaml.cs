using k8s;

namespace S1IdentityK8s.Operator.Generate;

/// <summary>Writes Kubernetes objects as the YAML committed in the chart.</summary>
internal static class ManifestYaml
{
    /// <summary>The header that tells readers not to edit the file by hand.</summary>
    public const string Header = "# Generated from the operator's C# types by `operator generate`; do not edit.\n"
        + "# Regenerate: S1K8S_REGENERATE=1 dotnet test tests/S1IdentityK8s.Operator.Tests --filter Manifest\n";

    /// <summary><paramref name="manifest"/> as one YAML document with <see cref="Header"/> and LF line ends.</summary>
    public static string Write(object manifest) =>
        Header + KubernetesYaml.Serialize(manifest).ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
}
