using System.Text.Json;

namespace S1IdentityK8s.Images.Tests;

/// <summary>One entry of <c>artifacts/images/images.json</c>, the catalogue <c>make images</c> writes for tools.</summary>
/// <param name="Name">Repository, e.g. <c>ghcr.io/s1identityk8s/collector</c>.</param>
/// <param name="Tag">Tag, e.g. <c>0.1.0</c>.</param>
/// <param name="Reference">Name and tag.</param>
/// <param name="Archive">The archive's path, relative to the repository root unless the output was elsewhere.</param>
/// <param name="ManifestDigest">The image manifest's digest (what a registry would report).</param>
/// <param name="ConfigDigest">The image config's digest (Docker's image id).</param>
/// <param name="Size">The archive's size in bytes.</param>
public sealed record BuiltImage(
    string Name, string Tag, string Reference, string Archive, string ManifestDigest, string ConfigDigest, long Size)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Reads a catalogue file.</summary>
    public static IReadOnlyList<BuiltImage> ReadAll(string path) =>
        JsonSerializer.Deserialize<List<BuiltImage>>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path} holds no list");
}
