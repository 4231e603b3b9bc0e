using S1IdentityK8s.TestSupport.Fixtures;

namespace S1IdentityK8s.TestSupport.Processes;

/// <summary>
/// Locates the collector's build output and the <c>dotnet</c> host to run it with.
/// </summary>
public static class CollectorBinary
{
    /// <summary>Set to a full path of <c>S1IdentityK8s.Collector.dll</c> to run that one instead.</summary>
    public const string DllVariable = "S1K8S_COLLECTOR_DLL";

    private const string DllName = "S1IdentityK8s.Collector.dll";

    /// <summary>The <c>dotnet</c> running the tests (the SDK exports <c>DOTNET_HOST_PATH</c>), else <c>dotnet</c> from PATH.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// <c>Release</c> or <c>Debug</c>, read from the test binaries' own path (<c>bin/&lt;Configuration&gt;/</c>);
    /// Release when it cannot tell.
    /// </summary>
    public static string TestConfiguration
    {
        get
        {
            var parts = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var bin = Array.LastIndexOf(parts, "bin");
            return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Release";
        }
    }

    /// <summary>
    /// <c>collector/S1IdentityK8s.Collector/bin/&lt;Configuration&gt;/net10.0/S1IdentityK8s.Collector.dll</c>, trying
    /// <see cref="TestConfiguration"/> first, then the other one; <c>$S1K8S_COLLECTOR_DLL</c> overrides.
    /// Throws <see cref="FileNotFoundException"/> naming the build command when none exists.
    /// </summary>
    public static string FindDll()
    {
        if (Environment.GetEnvironmentVariable(DllVariable) is { Length: > 0 } explicitDll)
        {
            return File.Exists(explicitDll) ? explicitDll : throw new FileNotFoundException($"${DllVariable} names a missing file", explicitDll);
        }
        var root = FixturePaths.SolutionDirectory
            ?? throw new DirectoryNotFoundException($"no S1IdentityK8s.sln above {AppContext.BaseDirectory}; set ${DllVariable}");
        var preferred = TestConfiguration;
        var configurations = new[] { preferred, "Release", "Debug" }.Distinct(StringComparer.Ordinal);
        var candidates = configurations
            .Select(c => Path.Combine(root, "collector", "S1IdentityK8s.Collector", "bin", c, "net10.0", DllName))
            .ToList();
        return candidates.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException(
            $"collector not built; run 'dotnet build collector/S1IdentityK8s.Collector -c {preferred}'. Tried: "
            + string.Join(", ", candidates), DllName);
    }
}
