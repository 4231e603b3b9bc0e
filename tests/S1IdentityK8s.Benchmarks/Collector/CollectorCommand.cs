using S1IdentityK8s.TestSupport.Kubernetes;
using S1IdentityK8s.TestSupport.Processes;

namespace S1IdentityK8s.Benchmarks.Collector;

/// <summary>
/// How the benchmarks start the collector: the native binary <c>make images</c> publishes (what the image
/// runs), or the JIT-compiled build output through <c>dotnet</c> (what the tests run).
/// </summary>
/// <param name="FileName">The program to start.</param>
/// <param name="LeadingArguments">Arguments before <c>--config</c> (the DLL, for the build output).</param>
/// <param name="Binary">The collector file measured, for the report.</param>
public sealed record CollectorCommand(string FileName, IReadOnlyList<string> LeadingArguments, string Binary)
{
    /// <summary>
    /// The collector <c>make images</c> publishes for the image (Native AOT, self-contained linux-x64), kept in
    /// its work folder between runs and rebuilt there when the sources change.
    /// </summary>
    public static string PublishedPath { get; } =
        Path.Combine(RepositoryPaths.Root, "artifacts", "images", ".build", "publish", "collector", "S1IdentityK8s.Collector");

    /// <summary>The image's native binary.</summary>
    public static CollectorCommand Published() =>
        File.Exists(PublishedPath)
            ? new CollectorCommand(PublishedPath, [], PublishedPath)
            : throw new FileNotFoundException($"no published collector at {PublishedPath}: run 'make images' first", PublishedPath);

    /// <summary>The build output, run by <c>dotnet</c>.</summary>
    public static CollectorCommand Build()
    {
        var dll = CollectorBinary.FindDll();
        return new CollectorCommand(CollectorBinary.DotnetHost, [dll], dll);
    }

    /// <summary>The image's binary when <c>make images</c> has published one, else the build output.</summary>
    public static CollectorCommand Default() => File.Exists(PublishedPath) ? Published() : Build();
}
