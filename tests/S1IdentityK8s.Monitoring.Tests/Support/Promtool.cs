using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Monitoring.Tests.Support;

/// <summary>Debian's <c>promtool</c> (package <c>prometheus</c>, installed by hack/local-cluster/install-packages.sh).</summary>
internal static class Promtool
{
    private static readonly string[] Folders = ["/usr/bin", "/usr/local/bin"];
    private static readonly CliRunner Runner = new(Find("promtool"));

    /// <summary>Runs <c>promtool ARGS</c>; a failure is returned, not thrown.</summary>
    public static Task<CliResult> RunAsync(params string[] arguments) => Runner.RunAsync(arguments);

    /// <summary>The full path of a program of the <c>prometheus</c> package.</summary>
    public static string Find(string program) =>
        Folders.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException($"{program} is missing: run hack/local-cluster/install-packages.sh (Debian package prometheus)", program);
}
