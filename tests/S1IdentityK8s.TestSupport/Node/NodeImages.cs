using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.TestSupport.Node;

/// <summary>An image archive from <c>make images</c> and the name it carries.</summary>
/// <param name="Name">The image reference, e.g. <c>ghcr.io/s1identityk8s/collector:0.1.0</c>.</param>
/// <param name="Archive">The archive's path.</param>
/// <param name="ManifestDigest">The image manifest's digest (<c>sha256:...</c>).</param>
public sealed record ImageArchive(string Name, string Archive, string ManifestDigest);

/// <summary>
/// The image archives a node imports before any pod starts: the pause image (the pod sandbox) and the operator and collector images, all from
/// <c>make images</c> (<c>artifacts/images/</c>), built first when missing.
/// </summary>
/// <param name="Pause">The pod sandbox image.</param>
/// <param name="Images">Every image to import, the pause image included.</param>
public sealed record NodeImages(ImageArchive Pause, IReadOnlyList<ImageArchive> Images)
{
    private static readonly SemaphoreSlim ResolveLock = new(1, 1);
    private static NodeImages? _resolved;

    /// <summary>The archive paths, pause first.</summary>
    public IEnumerable<string> Archives => Images.Select(i => i.Archive);

    /// <summary>The archives of <c>make images</c>; runs <c>hack/images/build.sh</c> once when they are missing.</summary>
    public static async Task<NodeImages> ResolveAsync(CancellationToken cancellationToken = default)
    {
        await ResolveLock.WaitAsync(cancellationToken);
        try
        {
            if (_resolved is not null)
            {
                return _resolved;
            }

            var built = BuiltImages.Read();
            if (built is null)
            {
                var build = await new CliRunner(BuiltImages.BuildScript).RunAsync(
                    [], timeout: TimeSpan.FromMinutes(15), cancellationToken: cancellationToken);
                build.EnsureSuccess();
                built = BuiltImages.Read() ?? throw new InvalidOperationException($"{BuiltImages.BuildScript} left no {BuiltImages.IndexPath}");
            }

            var pause = built.Single(i => i.Name.Contains("/pause:", StringComparison.Ordinal));
            _resolved = new NodeImages(pause, [pause, .. built.Where(i => i != pause)]);
            return _resolved;
        }
        finally
        {
            ResolveLock.Release();
        }
    }
}
