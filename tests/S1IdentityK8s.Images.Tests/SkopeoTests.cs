using System.Text.Json.Nodes;
using S1IdentityK8s.TestSupport.Kubernetes;

namespace S1IdentityK8s.Images.Tests;

/// <summary>
/// The archives read by a real image tool: skopeo reads them as an OCI archive (what <c>skopeo copy
/// oci-archive:… docker://…</c> pushes) and, through <c>manifest.json</c>, as a Docker archive.
/// </summary>
[Collection(ImagesCollectionDefinition.Name)]
public sealed class SkopeoTests(ImagesFixture images)
{
    private static readonly CliRunner Skopeo = new("skopeo") { DefaultTimeout = TimeSpan.FromMinutes(2) };

    public static TheoryData<string> Names => [.. ImagePaths.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Inspect_OciArchiveByTag_ReportsTheManifestDigestAndLabels(string name)
    {
        var archive = images.Archive(name);
        var tag = archive.Index["manifests"]![0]!["annotations"]!["org.opencontainers.image.ref.name"]!.GetValue<string>();

        var inspected = await InspectAsync($"oci-archive:{archive.ArchivePath}:{tag}");

        Assert.Equal(archive.ManifestDigest, inspected["Digest"]?.GetValue<string>());
        Assert.Equal(archive.LayerDigests, JsonStrings.Of(inspected["Layers"]));
        Assert.Equal("amd64", inspected["Architecture"]?.GetValue<string>());
        Assert.Equal(ExpectedImage.SourceUrl, inspected["Labels"]?["org.opencontainers.image.source"]?.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Inspect_DockerArchiveByName_FindsTheImageManifestJsonNames(string name)
    {
        var built = images.Catalog.Single(image => image.Archive.EndsWith($"/{name}.tar", StringComparison.Ordinal));

        var inspected = await InspectAsync($"docker-archive:{images.Archive(name).ArchivePath}:{built.Reference}");

        Assert.Equal(built.Name, inspected["Name"]?.GetValue<string>());
        Assert.Equal(JsonStrings.Of(images.Archive(name).Config["rootfs"]!["diff_ids"]), JsonStrings.Of(inspected["Layers"]));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Copy_OciArchiveToOciLayout_KeepsTheManifestDigest(string name)
    {
        var target = Directory.CreateTempSubdirectory("s1k8s-images-copy-");
        try
        {
            var copy = await Skopeo.RunAsync("copy", "--quiet", $"oci-archive:{images.Archive(name).ArchivePath}", $"oci:{target.FullName}:copied");
            copy.EnsureSuccess();

            var index = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(target.FullName, "index.json")))!;
            Assert.Equal(images.Archive(name).ManifestDigest, index["manifests"]![0]!["digest"]?.GetValue<string>());
        }
        finally
        {
            target.Delete(recursive: true);
        }
    }

    private static async Task<JsonNode> InspectAsync(string reference)
    {
        var result = (await Skopeo.RunAsync("inspect", reference)).EnsureSuccess();
        return JsonNode.Parse(result.StandardOutput) ?? throw new InvalidDataException(result.ToString());
    }
}
