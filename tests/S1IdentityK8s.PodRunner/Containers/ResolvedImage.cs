namespace S1IdentityK8s.PodRunner.Containers;

/// <summary>What runs for an image on this host.</summary>
/// <param name="Entrypoint">The argv standing for the image's ENTRYPOINT (empty for the host image).</param>
/// <param name="DefaultWorkingDirectory">Where the process starts when the container sets no workingDir.</param>
/// <param name="ImageId">Reported as <c>imageID</c>: where the code came from.</param>
/// <param name="Content">
/// The host folder holding the image's files, bound read-only at <see cref="ImageCatalog.AppDirectory"/> in
/// the container (the Dockerfiles' WORKDIR); null for the host image.
/// </param>
public sealed record ResolvedImage(IReadOnlyList<string> Entrypoint, string DefaultWorkingDirectory, string ImageId, string? Content = null);
