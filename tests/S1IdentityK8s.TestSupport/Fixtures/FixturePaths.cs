namespace S1IdentityK8s.TestSupport.Fixtures;

/// <summary>
/// Finds the repository (the folder holding <c>S1IdentityK8s.sln</c>, walking up from the test binaries)
/// and the sample-alert folder, so tests work from a fresh clone and from any build output folder.
/// </summary>
public static class FixturePaths
{
    private const string SolutionFile = "S1IdentityK8s.sln";
    private const string SampleFolder = "sentinelone-identity";

    private static readonly Lazy<string?> LazySolution = new(FindSolutionDirectory);

    /// <summary>The repository root, or null when the binaries are not inside a checkout.</summary>
    public static string? SolutionDirectory => LazySolution.Value;

    /// <summary>
    /// The sample alerts folder: the repository's <c>tests/fixtures/sentinelone-identity</c>, else the copy in
    /// the build output.
    /// Throws <see cref="DirectoryNotFoundException"/> listing the places tried.
    /// </summary>
    public static string SampleAlertsDirectory
    {
        get
        {
            var candidates = SampleCandidates().ToList();
            return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "alert_16.json")))
                ?? throw new DirectoryNotFoundException("sample alerts not found in: " + string.Join(", ", candidates));
        }
    }

    private static IEnumerable<string> SampleCandidates()
    {
        if (SolutionDirectory is { } root)
        {
            yield return Path.Combine(root, "tests", "fixtures", SampleFolder);
        }
        yield return Path.Combine(AppContext.BaseDirectory, "fixtures", SampleFolder);
    }

    private static string? FindSolutionDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
