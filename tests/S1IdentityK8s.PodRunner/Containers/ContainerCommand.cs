namespace S1IdentityK8s.PodRunner.Containers;

/// <summary>
/// The argv of a container, with Kubernetes semantics: <c>command</c> replaces the image's ENTRYPOINT,
/// <c>args</c> replaces its CMD (the Dockerfiles here have none), and both get <c>$(VAR)</c> expansion.
/// </summary>
public static class ContainerCommand
{
    /// <summary>
    /// The host argv; throws <see cref="ContainerConfigException"/> when nothing would run (the host image
    /// with no command).
    /// </summary>
    public static IReadOnlyList<string> Resolve(
        ResolvedImage image, IList<string>? command, IList<string>? args, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(image);
        var expandedArgs = (args ?? []).Select(a => VariableExpander.Expand(a, variables));
        List<string> argv = command is { Count: > 0 }
            ? [.. command.Select(c => VariableExpander.Expand(c, variables)), .. expandedArgs]
            : [.. image.Entrypoint, .. expandedArgs];
        if (argv.Count == 0)
        {
            throw new ContainerConfigException($"image {ImageCatalog.HostImage} needs a command");
        }

        // An image's own "dotnet" means the host's dotnet host.
        if (argv[0] == "dotnet")
        {
            argv[0] = ImageCatalog.DotnetHost;
        }

        return argv;
    }
}
