using S1IdentityK8s.Operator.Api.V1Alpha1;

namespace S1IdentityK8s.Operator.Generate;

/// <summary><c>operator generate crd|rbac</c>: prints a manifest generated from the C# types.</summary>
internal static class GenerateCommand
{
    /// <summary>What each manifest kind renders.</summary>
    public static readonly IReadOnlyDictionary<string, Func<string>> Manifests = new Dictionary<string, Func<string>>
    {
        ["crd"] = () => ManifestYaml.Write(CrdGenerator.Generate(typeof(V1Alpha1SentinelOneIdentityIntake))),
        ["rbac"] = () => ManifestYaml.Write(ClusterRoleGenerator.Generate()),
    };

    /// <summary>Whether <paramref name="args"/> asks for this command.</summary>
    public static bool Matches(string[] args) => args is ["generate", ..];

    /// <summary>Writes the manifest named by <c>args[1]</c> to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not ["generate", var kind] || !Manifests.TryGetValue(kind, out var render))
        {
            error.WriteLine($"usage: operator generate {string.Join('|', Manifests.Keys)}");
            return 2;
        }

        output.Write(render());
        return 0;
    }
}
