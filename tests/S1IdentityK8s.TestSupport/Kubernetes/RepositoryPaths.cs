namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>Locates the repository the tests were built from (the folder holding S1IdentityK8s.sln).</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root; throws when the tests run outside a checkout.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The Helm charts folder, <c>charts/</c>.</summary>
    public static string Charts => Path.Combine(Root, "charts");

    /// <summary>The control-plane install script, <c>hack/local-cluster/install.sh</c>.</summary>
    public static string ControlPlaneInstallScript => Path.Combine(Root, "hack", "local-cluster", "install.sh");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "S1IdentityK8s.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no S1IdentityK8s.sln above {AppContext.BaseDirectory}");
    }
}
