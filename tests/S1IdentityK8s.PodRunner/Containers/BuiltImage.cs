namespace S1IdentityK8s.PodRunner.Containers;

/// <summary>
/// An image this repository builds, run from its build output instead of being pulled.
/// </summary>
/// <param name="Repository">The image repository, e.g. <c>ghcr.io/s1identityk8s/collector</c> (any tag).</param>
/// <param name="ProjectDirectory">The project folder relative to the repository root.</param>
/// <param name="DockerEntrypoint">The Dockerfile's ENTRYPOINT, exactly: <c>["dotnet", "X.dll", ...]</c>.</param>
public sealed record BuiltImage(string Repository, string ProjectDirectory, IReadOnlyList<string> DockerEntrypoint)
{
    /// <summary>The dll the entrypoint runs (its second element).</summary>
    public string DllName => DockerEntrypoint[1];
}
