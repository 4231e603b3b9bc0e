using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.TestSupport.Node;

/// <summary>The index <c>make images</c> writes (<c>artifacts/images/images.json</c>).</summary>
internal static class BuiltImages
{
    public static string IndexPath => Path.Combine(RepositoryPaths.Root, "artifacts", "images", "images.json");

    public static string BuildScript => Path.Combine(RepositoryPaths.Root, "hack", "images", "build.sh");

    /// <summary>Every image of the index whose archive exists; null when there is no complete index.</summary>
    public static IReadOnlyList<ImageArchive>? Read()
    {
        if (!File.Exists(IndexPath))
        {
            return null;
        }

        var images = new List<ImageArchive>();
        foreach (var entry in JsonNode.Parse(File.ReadAllText(IndexPath))!.AsArray())
        {
            var name = entry!["name"]!.GetValue<string>();
            var tag = entry["tag"]?.GetValue<string>();
            var archive = Path.Combine(RepositoryPaths.Root, entry["archive"]!.GetValue<string>());
            if (!File.Exists(archive))
            {
                return null;
            }

            images.Add(new ImageArchive(tag is null ? name : $"{name}:{tag}", archive, entry["manifestDigest"]!.GetValue<string>()));
        }

        return images.Count > 0 ? images : null;
    }
}
