using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.TestSupport.Processes;

/// <summary>Locates the local pod runner's build output (<c>tests/S1IdentityK8s.PodRunner</c>).</summary>
public static class PodRunnerBinary
{
    /// <summary>Set to a full path of <c>S1IdentityK8s.PodRunner.dll</c> to run that one instead.</summary>
    public const string DllVariable = "S1K8S_POD_RUNNER_DLL";

    private const string DllName = "S1IdentityK8s.PodRunner.dll";

    /// <summary>
    /// <c>tests/S1IdentityK8s.PodRunner/bin/&lt;Configuration&gt;/net10.0/S1IdentityK8s.PodRunner.dll</c>, trying
    /// <see cref="CollectorBinary.TestConfiguration"/> first, then the other one; <c>$S1K8S_POD_RUNNER_DLL</c>
    /// overrides. Throws <see cref="FileNotFoundException"/> naming the build command when none exists.
    /// </summary>
    public static string FindDll()
    {
        if (Environment.GetEnvironmentVariable(DllVariable) is { Length: > 0 } explicitDll)
        {
            return File.Exists(explicitDll) ? explicitDll : throw new FileNotFoundException($"${DllVariable} names a missing file", explicitDll);
        }

        var root = FixturePaths.SolutionDirectory
            ?? throw new DirectoryNotFoundException($"no S1IdentityK8s.sln above {AppContext.BaseDirectory}; set ${DllVariable}");
        var preferred = CollectorBinary.TestConfiguration;
        var candidates = new[] { preferred, "Release", "Debug" }.Distinct(StringComparer.Ordinal)
            .Select(c => Path.Combine(root, "tests", "S1IdentityK8s.PodRunner", "bin", c, "net10.0", DllName))
            .ToList();
        return candidates.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException(
            $"pod runner not built; run 'dotnet build tests/S1IdentityK8s.PodRunner -c {preferred}'. Tried: "
            + string.Join(", ", candidates), DllName);
    }
}
